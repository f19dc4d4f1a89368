package dev.baton.worker.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a list call.
 *
 * @param items the page's items
 * @param nextToken the token for the next page, if there is one
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextToken.isPresent();
  }

  /** All items of all pages, fetched one page at a time as the stream is consumed. */
  static <T> Stream<T> all(Function<String, Page<T>> fetch) {
    Iterator<T> items = new Iterator<>() {
      private Page<T> page = fetch.apply("");
      private int next;

      @Override
      public boolean hasNext() {
        while (next == page.items().size() && page.hasNext()) {
          page = fetch.apply(page.nextToken().orElseThrow());
          next = 0;
        }
        return next < page.items().size();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.items().get(next++);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED), false);
  }
}
