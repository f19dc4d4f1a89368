-- Baton schema. Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- Times are epoch milliseconds (BIGINT); JSON documents are text; snapshots are bytes.

-- Secrets the broker keeps (the HMAC key of task tokens), created on first start.
CREATE TABLE broker_secret (
    name   VARCHAR(64) PRIMARY KEY,
    secret BYTEA       NOT NULL
);

-- Definitions by content hash: an execution refers to the exact definition it started with, which
-- stays readable after its state machine is deleted or updated.
CREATE TABLE definition (
    hash VARCHAR(64) PRIMARY KEY,
    text VARCHAR     NOT NULL
);

CREATE TABLE state_machine (
    arn             VARCHAR(256) PRIMARY KEY,
    name            VARCHAR(80)  NOT NULL,
    type            VARCHAR(16)  NOT NULL,
    definition_hash VARCHAR(64)  NOT NULL,
    role_arn   VARCHAR(256) NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE TABLE activity (
    arn        VARCHAR(256) PRIMARY KEY,
    name       VARCHAR(80)  NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE SEQUENCE execution_id_seq START WITH 1 INCREMENT BY 100;

CREATE TABLE execution (
    id                BIGINT       PRIMARY KEY,
    arn               VARCHAR(400) NOT NULL UNIQUE,
    state_machine_arn VARCHAR(256) NOT NULL,
    definition_hash   VARCHAR(64)  NOT NULL,
    name              VARCHAR(80)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    start_time        BIGINT       NOT NULL,
    stop_time         BIGINT,
    redrive_count     INT          NOT NULL,
    redrive_time      BIGINT,
    -- Compare-and-set guard: one writer per execution at a time.
    version           INT          NOT NULL,
    snapshot          BYTEA        NOT NULL
);
CREATE INDEX execution_by_state_machine ON execution (state_machine_arn, start_time);
CREATE INDEX execution_by_status ON execution (status);

-- History, one row per decision: the events it appended, as a JSON array of AWS-shaped events
-- ({"id", "previousEventId", "type", "timestamp", "details"}). A decision that runs ten states writes
-- one row, not twenty-two; GetExecutionHistory pages through the events inside.
CREATE TABLE history_chunk (
    execution_id BIGINT  NOT NULL,
    first_id     INT     NOT NULL,
    last_id      INT     NOT NULL,
    events       VARCHAR NOT NULL,
    PRIMARY KEY (execution_id, first_id)
);

-- Open activity tasks, from scheduled until they end. After a restart the dispatcher queues the ones no
-- worker has started (the execution's snapshot says which); after a crash also the started ones (their
-- hand-off may not have reached the worker).
CREATE TABLE activity_task (
    token             VARCHAR(64)  PRIMARY KEY,
    execution_id      BIGINT       NOT NULL,
    activity_arn      VARCHAR(256) NOT NULL,
    input             VARCHAR      NOT NULL,
    created_at        BIGINT       NOT NULL
);
CREATE INDEX activity_task_by_activity ON activity_task (activity_arn, created_at);

-- Durable timers: Wait states, retry back-off, timeouts.
CREATE TABLE timer (
    id           VARCHAR(160) PRIMARY KEY,
    execution_id BIGINT       NOT NULL,
    due_at       BIGINT       NOT NULL
);
CREATE INDEX timer_by_due ON timer (due_at);
