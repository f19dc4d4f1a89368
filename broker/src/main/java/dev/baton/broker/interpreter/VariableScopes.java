package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.variables.Assignment;
import dev.baton.broker.dataflow.variables.VariableLimits;
import dev.baton.broker.dataflow.variables.Variables;

import java.util.Map;

/**
 * Workflow variables as the runs of an execution hold them (AWS's scoping): each run keeps the
 * variables assigned in its own scope; a Parallel branch or Map iteration reads those of the runs
 * around it, up to the state machine's, but assigns only in its own, which is gone when it ends.
 * The iterations of a distributed Map are isolated: they see no outer variables.
 */
final class VariableScopes {
    private VariableScopes() {
    }

    /** The value of a variable visible to a run, or null when none is defined in its scopes. */
    static JsonNode lookup(ExecutionSnapshot s, RunState run, String name) {
        for (RunState r = run; r != null; r = r.isolated || r.parentId == null ? null : s.runs.get(r.parentId)) {
            if (r.variables != null) {
                JsonNode value = r.variables.get(name);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    /** The run's scope with the scopes around it, for an assignment's size limits. */
    static Variables scope(ExecutionSnapshot s, RunState run, VariableLimits limits) {
        RunState outerRun = run.isolated || run.parentId == null ? null : s.runs.get(run.parentId);
        Variables outer = outerRun == null ? null : scope(s, outerRun, limits);
        Map<String, JsonNode> own = run.variables == null ? Map.of() : run.variables;
        return Variables.restore(outer, own, limits);
    }

    /**
     * Applies a state's assignment in the run's own scope, all values at once.
     *
     * @throws dev.baton.broker.dataflow.DataflowException States.DataLimitExceeded past AWS's size limits
     */
    static void assign(ExecutionSnapshot s, RunState run, Assignment assignment, String stateName, VariableLimits limits) {
        if (assignment.isEmpty()) {
            return;
        }
        run.variables = scope(s, run, limits).assign(assignment, stateName).own();
    }
}
