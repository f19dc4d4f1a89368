package dev.baton.broker.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.interpreter.Command;
import dev.baton.broker.interpreter.MapRunRecord;
import dev.baton.broker.persistence.ExecutionWrite;

import java.io.UncheckedIOException;

/** How a map run's record is stored in its {@code map_run} row, and read back. */
public final class MapRunRows {
    private MapRunRows() {
    }

    static ExecutionWrite.MapRunRow of(long executionId, Command.SaveMapRun save) {
        MapRunRecord r = save.record();
        return new ExecutionWrite.MapRunRow(r.mapRunArn(), save.created(), executionId, r.executionArn(),
                r.stateMachineArn(), r.status(), r.startDate(), r.stopDate() == 0 ? null : r.stopDate(),
                r.maxConcurrency(), r.toleratedFailureCount(), r.toleratedFailurePercentage().doubleValue(),
                Json.write(Json.MAPPER.valueToTree(r.itemCounts())), Json.write(Json.MAPPER.valueToTree(r.executionCounts())),
                r.redriveCount(), r.redriveDate() == 0 ? null : r.redriveDate());
    }

    /** Counts as stored (see {@link MapRunRecord.Counts}). */
    public static MapRunRecord.Counts counts(String stored) {
        try {
            JsonNode json = Json.parse(stored);
            return Json.MAPPER.treeToValue(json, MapRunRecord.Counts.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("The counts of a stored map run could not be read", e);
        }
    }
}
