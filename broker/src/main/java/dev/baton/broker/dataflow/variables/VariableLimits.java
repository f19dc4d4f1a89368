package dev.baton.broker.dataflow.variables;

/**
 * AWS's size quotas for workflow variables, measured as the UTF-8 bytes of a value's compact JSON
 * text ("Passing data between states with variables", Limits).
 *
 * @param maxVariableBytes the largest value of one variable (AWS: 256 KiB)
 * @param maxAssignBytes   the most one Assign field may assign, all its variables together (AWS: 256 KiB)
 * @param maxTotalBytes    the most all variables of an execution may hold at once (AWS: 10 MiB)
 */
public record VariableLimits(long maxVariableBytes, long maxAssignBytes, long maxTotalBytes) {
    public static final long DEFAULT_MAX_VARIABLE_BYTES = 256 * 1024;
    public static final long DEFAULT_MAX_ASSIGN_BYTES = 256 * 1024;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 10L * 1024 * 1024;

    public static final VariableLimits DEFAULT = new VariableLimits(DEFAULT_MAX_VARIABLE_BYTES, DEFAULT_MAX_ASSIGN_BYTES,
            DEFAULT_MAX_TOTAL_BYTES);

    public VariableLimits {
        if (maxVariableBytes < 1 || maxAssignBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("variable limits must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private long maxVariableBytes = DEFAULT_MAX_VARIABLE_BYTES;
        private long maxAssignBytes = DEFAULT_MAX_ASSIGN_BYTES;
        private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;

        private Builder() {
        }

        public Builder maxVariableBytes(long bytes) {
            this.maxVariableBytes = bytes;
            return this;
        }

        public Builder maxAssignBytes(long bytes) {
            this.maxAssignBytes = bytes;
            return this;
        }

        public Builder maxTotalBytes(long bytes) {
            this.maxTotalBytes = bytes;
            return this;
        }

        public VariableLimits build() {
            return new VariableLimits(maxVariableBytes, maxAssignBytes, maxTotalBytes);
        }
    }
}
