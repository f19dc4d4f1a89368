package dev.baton.worker.client;

import java.util.Objects;

/**
 * Which page of an execution's history to fetch.
 *
 * @param maxResults events per page, 1 to 1000; 0 means the broker's default (100)
 * @param reverseOrder newest events first
 * @param includeExecutionData include inputs and outputs in the events
 * @param nextToken the token of the page to fetch; empty for the first
 */
public record HistoryQuery(int maxResults, boolean reverseOrder, boolean includeExecutionData, String nextToken) {

  /** The first page, oldest events first, with data, the broker's default page size. */
  public static final HistoryQuery FIRST_PAGE = new HistoryQuery(0, false, true, "");

  public HistoryQuery {
    if (maxResults < 0 || maxResults > 1000) {
      throw new IllegalArgumentException("maxResults must be 0 to 1000: " + maxResults);
    }
    Objects.requireNonNull(nextToken, "nextToken");
  }

  public HistoryQuery withMaxResults(int maxResults) {
    return new HistoryQuery(maxResults, reverseOrder, includeExecutionData, nextToken);
  }

  public HistoryQuery withReverseOrder(boolean reverseOrder) {
    return new HistoryQuery(maxResults, reverseOrder, includeExecutionData, nextToken);
  }

  public HistoryQuery withIncludeExecutionData(boolean includeExecutionData) {
    return new HistoryQuery(maxResults, reverseOrder, includeExecutionData, nextToken);
  }

  public HistoryQuery withNextToken(String nextToken) {
    return new HistoryQuery(maxResults, reverseOrder, includeExecutionData, nextToken);
  }
}
