package dev.baton.samples.approval;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An expense as submitted: the execution's input, and (with its id added by the Submit state) what
 * an approver sees.
 *
 * @param id the expense's id, which is its execution's name; null before it is submitted
 * @param amount the amount, positive
 * @param submitter who spent it
 * @param description what for
 */
public record Expense(String id, BigDecimal amount, String submitter, String description) {
    /** AWS limits execution input to 256 KiB; a description needs far less. */
    public static final int MAX_TEXT_LENGTH = 500;

    public Expense {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount.toPlainString());
        }
        submitter = requireText("submitter", submitter);
        description = requireText("description", description == null || description.isBlank() ? "-" : description);
    }

    /** A new expense, before it has an id. */
    public static Expense of(BigDecimal amount, String submitter, String description) {
        return new Expense(null, amount, submitter, description);
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return trimmed;
    }
}
