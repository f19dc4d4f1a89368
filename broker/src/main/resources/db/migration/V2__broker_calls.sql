-- Calls the broker makes for a task (child executions of states:startExecution, aws-sdk:sfn calls),
-- written with the decision that makes them. After a crash, a call whose task has not started is made
-- again (a child's name, fixed by the decision, makes its start idempotent), and a child that ended while
-- its parent had not heard of it is reported to the parent. A row goes when its task ends.
CREATE TABLE broker_call (
    token        VARCHAR(64)  PRIMARY KEY,
    execution_id BIGINT       NOT NULL,
    -- The call as JSON (see BrokerCallRepository).
    request      VARCHAR      NOT NULL,
    -- Set in the transaction that ends the child execution a .sync task waits for.
    ended        BOOLEAN      NOT NULL,
    child_arn    VARCHAR(400)
);
