package dev.baton.samples.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The approvals waiting for a person, one per expense, kept in a JSON file.
 *
 * <p>Why a file: GetActivityTask hands a task token out once, and only this desk holds it. Kept in
 * memory only, a restart of the desk would leave every waiting expense to its TimeoutSeconds. (On
 * AWS the same design keeps tokens in a table; the state's timeout remains the safety net for a
 * token lost between the poll and the write.)
 */
public final class PendingApprovals {
    private static final TypeReference<List<ApprovalRequest>> LIST = new TypeReference<>() {
    };

    private final Path file;
    private final ObjectMapper json;
    private final Map<String, ApprovalRequest> byExpense = new LinkedHashMap<>();

    private PendingApprovals(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /** Opens the store in {@code file}, reading the approvals a previous run left there. */
    public static PendingApprovals open(Path file, ObjectMapper json) throws IOException {
        PendingApprovals store = new PendingApprovals(file, json);
        if (Files.exists(file)) {
            for (ApprovalRequest request : json.readValue(file.toFile(), LIST)) {
                store.byExpense.put(request.expenseId(), request);
            }
        }
        return store;
    }

    /**
     * Records an approval. A newer task for the same expense (its escalation) replaces the older
     * one, whose token has timed out by then. When the file cannot be written the approval is still
     * kept in memory, and the exception says why.
     */
    public synchronized void add(ApprovalRequest request) {
        byExpense.put(request.expenseId(), request);
        save();
    }

    public synchronized Optional<ApprovalRequest> get(String expenseId) {
        return Optional.ofNullable(byExpense.get(expenseId));
    }

    /** Removes the approval if it still holds this token (a newer task may have replaced it). */
    public synchronized void remove(String expenseId, String taskToken) {
        ApprovalRequest current = byExpense.get(expenseId);
        if (current != null && current.taskToken().equals(taskToken)) {
            byExpense.remove(expenseId);
            save();
        }
    }

    /**
     * Removes the approvals whose execution has ended some other way (stopped, or timed out and
     * failed), given the executions running at {@code listedAt}. Approvals received after that
     * instant stay: their executions may have started after the list was taken.
     */
    public synchronized void retainRunning(Set<String> runningExecutionArns, Instant listedAt) {
        boolean removed = byExpense.values().removeIf(r ->
                r.received().isBefore(listedAt) && !runningExecutionArns.contains(r.executionArn()));
        if (removed) {
            save();
        }
    }

    /** The approvals, oldest first. */
    public synchronized List<ApprovalRequest> all() {
        List<ApprovalRequest> all = new ArrayList<>(byExpense.values());
        all.sort(Comparator.comparing(ApprovalRequest::received));
        return all;
    }

    /** Writes a new file and moves it into place, so a crash leaves the old or the new one whole. */
    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            json.writerWithDefaultPrettyPrinter().writeValue(next.toFile(), new ArrayList<>(byExpense.values()));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pending approvals to " + file, e);
        }
    }
}
