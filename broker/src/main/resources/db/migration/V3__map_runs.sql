-- Map runs of distributed Map states (DescribeMapRun, ListMapRuns, UpdateMapRun). Portable SQL: runs
-- unchanged on H2 and PostgreSQL. A row is written with the decision of the parent execution that
-- starts, changes or ends the map run, so it always agrees with the parent's snapshot.
CREATE TABLE map_run (
    arn                          VARCHAR(600) PRIMARY KEY,
    -- The execution whose Distributed Map state started the map run.
    execution_id                 BIGINT       NOT NULL,
    execution_arn                VARCHAR(400) NOT NULL,
    state_machine_arn            VARCHAR(256) NOT NULL,
    -- RUNNING, SUCCEEDED, FAILED or ABORTED.
    status                       VARCHAR(16)  NOT NULL,
    start_time                   BIGINT       NOT NULL,
    stop_time                    BIGINT,
    max_concurrency              INT          NOT NULL,
    tolerated_failure_count      BIGINT       NOT NULL,
    tolerated_failure_percentage DOUBLE PRECISION NOT NULL,
    -- AWS's MapRunItemCounts and MapRunExecutionCounts as JSON objects (shown, never queried).
    item_counts                  VARCHAR(1000) NOT NULL,
    execution_counts             VARCHAR(1000) NOT NULL,
    redrive_count                INT          NOT NULL,
    redrive_time                 BIGINT
);
CREATE INDEX map_run_by_execution ON map_run (execution_id, start_time);

-- A map run's child executions (ListExecutions with mapRunArn); null for any other execution.
ALTER TABLE execution ADD COLUMN map_run_arn VARCHAR(600);
CREATE INDEX execution_by_map_run ON execution (map_run_arn, start_time);
