package dev.baton.broker.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the shared conformance corpus (recorded real-AWS behaviour): the system property or
 * environment variable {@code BATON_CONFORMANCE_DIR}, else a {@code shared/conformance/cases}
 * folder beside the checkout or one of its ancestors. Absent on machines without the corpus.
 */
final class ConformanceCases {
    private ConformanceCases() {
    }

    record Case(Path file, JsonNode json) {
        String name() {
            return file.getFileName().toString();
        }

        JsonNode definition() {
            return json.get("definition");
        }

        /** The definition as the recording runner sent it: Python's json.dumps with default separators. */
        String definitionText() {
            return PythonJson.dumps(definition());
        }

        StateMachineType type() {
            JsonNode t = json.get("state_machine_type");
            return t == null ? StateMachineType.STANDARD : StateMachineType.fromAwsName(t.asText());
        }
    }

    static Optional<Path> root() {
        String configured = System.getProperty("BATON_CONFORMANCE_DIR", System.getenv("BATON_CONFORMANCE_DIR"));
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Case> group(Path root, String group) {
        Path dir = root.resolve(group);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Case> cases = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                cases.add(new Case(f, Json.parse(Files.readString(f))));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
