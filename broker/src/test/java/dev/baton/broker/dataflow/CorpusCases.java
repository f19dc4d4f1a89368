package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the shared conformance corpus is, for tests that replay parts of it. */
public final class CorpusCases {
    private CorpusCases() {
    }

    /**
     * The {@code cases} folder: the {@code baton.conformance.cases} system property, else
     * {@code shared/conformance/cases} next to the working directory or any of its ancestors;
     * null when the corpus is not on this machine (tests that need it are then skipped).
     */
    public static Path directory() {
        String property = System.getProperty("baton.conformance.cases");
        if (property != null) {
            return Files.isDirectory(Path.of(property)) ? Path.of(property) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Every case of a group ({@code pure}, {@code activity}, ...), parsed, in file order; skips the
     * calling test when the corpus is not on this machine.
     */
    public static List<JsonNode> group(String group) {
        Path cases = directory();
        Assumptions.assumeTrue(cases != null, "the shared conformance corpus is not on this machine");
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cases.resolve(group))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(Json.MAPPER.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
