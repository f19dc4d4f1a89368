package dev.baton.broker.interpreter;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The progress of a distributed Map's map run, whose iterations run as child executions (AWS's
 * child workflow executions), kept in the Map state's {@link RunState.Fork}: which items have a
 * child running, how the others ended, and what is needed to find their children again.
 *
 * <p>Per item only what cannot be derived is kept: an item's task token (the key of its child's
 * {@code broker_call} row and of the child's report to this execution) is
 * {@code tokens.issue(executionId, tokenBase + index)}, and its child's name comes from the map run
 * ARN and the index, so a child is started under the same name after a crash or a redrive.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class MapRunProgress {
    /** Where a child stands, as far as this execution has heard. */
    public enum Phase {
        /** Its start was asked for and has not been confirmed. */
        STARTING,
        /** Its redrive was asked for and has not been confirmed. */
        REDRIVING,
        /** It runs: its start or redrive was confirmed. */
        RUNNING
    }

    /** The JSON Pointer of the ItemProcessor in the stored definition: what the children run. */
    public String processorPath;
    /** The ARN part that names the map run's children: the Label, or the map run's generated id. */
    public String label;
    /** The sequence number of item 0's task token (one is reserved per item). */
    public int tokenBase;
    /** Epoch ms. */
    public long startTime;
    /** Epoch ms of the last redrive of the map run, 0 when never. */
    public long redriveTime;
    /** The items whose child runs now, by index. */
    public TreeMap<Integer, Phase> running = new TreeMap<>();
    /**
     * The items that did not succeed in this or an earlier attempt and are to run again on a redrive,
     * by index: true when a child execution exists for the item (it is redriven), false when none does
     * (it is started).
     */
    public TreeMap<Integer, Boolean> unsuccessful = new TreeMap<>();
    /** Child executions the map run has started (executionCounts.total). */
    public int executions;
    /** Items of this attempt that failed, timed out or were aborted. */
    public int failed;
    public int timedOut;
    public int aborted;
    /** Failed items that have no child execution (their ItemSelector failed, or their child could not start). */
    public int failedWithoutChild;
    /** Items whose child could not be redriven. */
    public int failuresNotRedrivable;

    /** A child's name: fixed by the map run and the item, so every start of the item's child names the same execution. */
    public static String childName(String mapRunArn, int index) {
        return UUID.nameUUIDFromBytes((mapRunArn + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public MapRunProgress copy() {
        MapRunProgress c = new MapRunProgress();
        c.processorPath = processorPath;
        c.label = label;
        c.tokenBase = tokenBase;
        c.startTime = startTime;
        c.redriveTime = redriveTime;
        c.running = new TreeMap<>(running);
        c.unsuccessful = new TreeMap<>(unsuccessful);
        c.executions = executions;
        c.failed = failed;
        c.timedOut = timedOut;
        c.aborted = aborted;
        c.failedWithoutChild = failedWithoutChild;
        c.failuresNotRedrivable = failuresNotRedrivable;
        return c;
    }
}
