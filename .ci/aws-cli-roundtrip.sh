#!/usr/bin/env bash
# A Baton round trip driven only by the AWS CLI: create an activity and a state machine, start an execution,
# act as the activity worker (get-activity-task / send-task-success), then check the execution's description,
# its history and a few of AWS's typed errors. Works with AWS CLI v1 and v2.
#
# Usage: .ci/aws-cli-roundtrip.sh [ENDPOINT_URL]
#   ENDPOINT_URL (or BATON_ENDPOINT) is Baton's AWS endpoint, default http://127.0.0.1:8083.
# CI runs it when the `aws` command is available. Exit status 0 = every check passed.
set -euo pipefail

endpoint="${1:-${BATON_ENDPOINT:-http://127.0.0.1:8083}}"

if ! command -v aws >/dev/null 2>&1; then
  echo "aws-cli-roundtrip: the 'aws' command is not installed (apt-get install awscli, or pip install awscli)" >&2
  exit 1
fi

# Baton does not check signatures, but the CLI signs every request: give it dummy credentials and a region.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-baton}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-baton}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export AWS_PAGER=""
export AWS_EC2_METADATA_DISABLED=true

sfn() { aws stepfunctions --endpoint-url "$endpoint" "$@"; }
fail() { echo "aws-cli-roundtrip: FAIL: $*" >&2; exit 1; }
pass() { echo "aws-cli-roundtrip: ok: $*"; }

# expect_error ERROR_NAME COMMAND...: the command must fail with AWS's error name in its message.
expect_error() {
  local name="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then
    fail "expected $name, but the call succeeded: $out"
  fi
  [[ "$out" == *"($name)"* ]] || fail "expected $name, got: $out"
  pass "$name"
}

suffix="$(date +%s)-$$"
activity_name="cli-activity-$suffix"
machine_name="cli-machine-$suffix"

activity_arn="$(sfn create-activity --name "$activity_name" --query activityArn --output text)"
[[ "$activity_arn" == arn:*:activity:"$activity_name" ]] || fail "unexpected activity ARN: $activity_arn"
pass "create-activity $activity_arn"

definition="$(printf '{"Comment":"AWS CLI round trip","StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","TimeoutSeconds":300,"End":true}}}' "$activity_arn")"
machine_arn="$(sfn create-state-machine --name "$machine_name" --definition "$definition" \
  --role-arn "arn:aws:iam::123456789012:role/baton-cli" --query stateMachineArn --output text)"
[[ "$machine_arn" == arn:*:stateMachine:"$machine_name" ]] || fail "unexpected state machine ARN: $machine_arn"
pass "create-state-machine $machine_arn"

[[ "$(sfn describe-state-machine --state-machine-arn "$machine_arn" --query status --output text)" == ACTIVE ]] \
  || fail "describe-state-machine: not ACTIVE"
pass "describe-state-machine"

execution_arn="$(sfn start-execution --state-machine-arn "$machine_arn" --name "run-$suffix" \
  --input '{"n":21}' --query executionArn --output text)"
pass "start-execution $execution_arn"

# The worker: AWS advises a read timeout above the 60 s long poll.
task="$(sfn get-activity-task --cli-read-timeout 70 --activity-arn "$activity_arn" --worker-name cli-worker \
  --query '[taskToken, input]' --output text)"
task_token="${task%%$'\t'*}"
task_input="${task#*$'\t'}"
[[ -n "$task_token" && "$task_token" != None ]] || fail "get-activity-task returned no task"
[[ "$task_input" == '{"n":21}' ]] || fail "get-activity-task input: $task_input"
pass "get-activity-task"

sfn send-task-success --task-token "$task_token" --task-output '{"n":42}' >/dev/null
pass "send-task-success"

status=RUNNING
for _ in $(seq 1 100); do
  status="$(sfn describe-execution --execution-arn "$execution_arn" --query status --output text)"
  [[ "$status" == RUNNING ]] || break
  sleep 0.1
done
[[ "$status" == SUCCEEDED ]] || fail "execution ended $status"
output="$(sfn describe-execution --execution-arn "$execution_arn" --query output --output text)"
[[ "$output" == '{"n":42}' ]] || fail "execution output: $output"
stop_date="$(sfn describe-execution --execution-arn "$execution_arn" --query stopDate --output text)"
[[ -n "$stop_date" && "$stop_date" != None ]] || fail "no stopDate"
pass "describe-execution SUCCEEDED $output (stopped $stop_date)"

events="$(sfn get-execution-history --execution-arn "$execution_arn" --query 'events[].type' --output text | tr '\t' ' ')"
expected="ExecutionStarted TaskStateEntered ActivityScheduled ActivityStarted ActivitySucceeded TaskStateExited ExecutionSucceeded"
[[ "$events" == "$expected" ]] || fail "history: $events"
worker="$(sfn get-execution-history --execution-arn "$execution_arn" \
  --query "events[?type=='ActivityStarted'].activityStartedEventDetails.workerName | [0]" --output text)"
[[ "$worker" == cli-worker ]] || fail "ActivityStarted workerName: $worker"
pass "get-execution-history: $events"

listed="$(sfn list-executions --state-machine-arn "$machine_arn" --query 'executions[].executionArn' --output text)"
[[ "$listed" == "$execution_arn" ]] || fail "list-executions: $listed"
pass "list-executions"

missing="${execution_arn%:*}:no-such-run"
expect_error ExecutionDoesNotExist sfn describe-execution --execution-arn "$missing"
expect_error TaskTimedOut sfn send-task-success --task-token "$task_token" --task-output '{}'
expect_error InvalidDefinition sfn create-state-machine --name "cli-bad-$suffix" --definition '{"StartAt":"Nowhere","States":{}}' \
  --role-arn "arn:aws:iam::123456789012:role/baton-cli"

sfn delete-state-machine --state-machine-arn "$machine_arn" >/dev/null
sfn delete-activity --activity-arn "$activity_arn" >/dev/null
pass "delete-state-machine, delete-activity"
echo "aws-cli-roundtrip: all checks passed against $endpoint"
