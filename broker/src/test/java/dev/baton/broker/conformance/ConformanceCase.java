package dev.baton.broker.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One recorded AWS execution of the shared conformance corpus ({@code ../shared/conformance/cases},
 * see its README): the definition and input a test sent, and what AWS returned.
 *
 * @param file relative to the cases folder, e.g. {@code pure/base/test_state_pass_result.json}
 */
record ConformanceCase(String file, String group, String category, JsonNode json) {

    /** The corpus folder, found from the working directory upwards; empty when this machine has none. */
    static Optional<Path> folder() {
        String configured = System.getProperty("baton.conformance.dir", System.getenv("BATON_CONFORMANCE_DIR"));
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : List.of(p.resolve("shared/conformance/cases"), p.resolve("../shared/conformance/cases"))) {
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    /** The cases of the given groups, in file order. */
    static List<ConformanceCase> load(Path folder, List<String> groups) throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        for (String group : groups) {
            Path dir = folder.resolve(group);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode json = Json.parse(Files.readString(f));
                    cases.add(new ConformanceCase(folder.relativize(f).toString(), group,
                            json.path("category").asText(f.getParent().getFileName().toString()), json));
                }
            }
        }
        return cases;
    }

    String name() {
        return json.path("name").asText(file);
    }

    /**
     * True when the case uses only JSONPath: no JSONata query language, expressions or Assign
     * (issue 5; they are counted and held to the acceptance rates apart).
     */
    boolean jsonPathOnly() {
        String definition = Json.write(json.path("definition"));
        if (definition.contains("\"JSONata\"") || definition.contains("{%") || definition.contains("\"Assign\"")) {
            return false;
        }
        for (JsonNode feature : json.path("notes").path("features")) {
            String f = feature.asText();
            if (f.startsWith("JSONata") || f.equals("Assign")) {
                return false;
            }
        }
        return true;
    }

    JsonNode expected() {
        return json.path("expected");
    }

    /** The recorded history, or an empty array when the case has none. */
    JsonNode expectedHistory() {
        return json.path("expected_history");
    }

    boolean hasHistory() {
        return expectedHistory().isArray() && !expectedHistory().isEmpty();
    }

    JsonNode notes() {
        return json.path("notes");
    }
}
