package dev.baton.broker.definition.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which fields each state type takes, and in which query language (AWS's ASL reference: "common
 * state fields" and each state type's page). The FieldsAllowed rule reports any other field, and
 * docs/FEATURES.md lists the same table.
 */
public final class StateFields {

    /** Where a field may be used. */
    public enum Languages {
        BOTH, JSONPATH_ONLY, JSONATA_ONLY;

        public boolean allows(boolean jsonata) {
            return this == BOTH || (jsonata ? this == JSONATA_ONLY : this == JSONPATH_ONLY);
        }
    }

    /** A state-level field: its name, the state types that take it, and the query languages. */
    public record Field(String name, Set<String> types, Languages languages) {
    }

    private static final Set<String> ALL = DefinitionTree.STATE_TYPES;
    private static final Set<String> NOT_FAIL = Set.of("Task", "Wait", "Pass", "Succeed", "Choice", "Parallel", "Map");
    private static final Set<String> TRANSITIONING = Set.of("Task", "Wait", "Pass", "Parallel", "Map");
    private static final Set<String> WORKING = Set.of("Task", "Parallel", "Map");
    private static final Set<String> ASSIGNING = Set.of("Task", "Wait", "Pass", "Choice", "Parallel", "Map");

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        add("Type", ALL, Languages.BOTH);
        add("Comment", ALL, Languages.BOTH);
        add("QueryLanguage", ALL, Languages.BOTH);
        add("Next", TRANSITIONING, Languages.BOTH);
        add("End", TRANSITIONING, Languages.BOTH);
        add("InputPath", NOT_FAIL, Languages.JSONPATH_ONLY);
        add("OutputPath", NOT_FAIL, Languages.JSONPATH_ONLY);
        add("Parameters", Set.of("Pass", "Task", "Parallel", "Map"), Languages.JSONPATH_ONLY);
        add("ResultSelector", WORKING, Languages.JSONPATH_ONLY);
        add("ResultPath", Set.of("Pass", "Task", "Parallel", "Map"), Languages.JSONPATH_ONLY);
        add("Arguments", Set.of("Task", "Parallel"), Languages.JSONATA_ONLY);
        add("Output", NOT_FAIL, Languages.JSONATA_ONLY);
        add("Assign", ASSIGNING, Languages.BOTH);
        add("Retry", WORKING, Languages.BOTH);
        add("Catch", WORKING, Languages.BOTH);
        // Pass
        add("Result", Set.of("Pass"), Languages.JSONPATH_ONLY);
        // Task
        add("Resource", Set.of("Task"), Languages.BOTH);
        add("TimeoutSeconds", Set.of("Task"), Languages.BOTH);
        add("TimeoutSecondsPath", Set.of("Task"), Languages.JSONPATH_ONLY);
        add("HeartbeatSeconds", Set.of("Task"), Languages.BOTH);
        add("HeartbeatSecondsPath", Set.of("Task"), Languages.JSONPATH_ONLY);
        add("Credentials", Set.of("Task"), Languages.BOTH);
        // Choice
        add("Choices", Set.of("Choice"), Languages.BOTH);
        add("Default", Set.of("Choice"), Languages.BOTH);
        // Wait
        add("Seconds", Set.of("Wait"), Languages.BOTH);
        add("SecondsPath", Set.of("Wait"), Languages.JSONPATH_ONLY);
        add("Timestamp", Set.of("Wait"), Languages.BOTH);
        add("TimestampPath", Set.of("Wait"), Languages.JSONPATH_ONLY);
        // Fail
        add("Error", Set.of("Fail"), Languages.BOTH);
        add("ErrorPath", Set.of("Fail"), Languages.JSONPATH_ONLY);
        add("Cause", Set.of("Fail"), Languages.BOTH);
        add("CausePath", Set.of("Fail"), Languages.JSONPATH_ONLY);
        // Parallel
        add("Branches", Set.of("Parallel"), Languages.BOTH);
        // Map
        add("ItemProcessor", Set.of("Map"), Languages.BOTH);
        add("Iterator", Set.of("Map"), Languages.JSONPATH_ONLY);
        add("ItemsPath", Set.of("Map"), Languages.JSONPATH_ONLY);
        add("Items", Set.of("Map"), Languages.JSONATA_ONLY);
        add("ItemSelector", Set.of("Map"), Languages.BOTH);
        add("MaxConcurrency", Set.of("Map"), Languages.BOTH);
        add("MaxConcurrencyPath", Set.of("Map"), Languages.JSONPATH_ONLY);
        add("ToleratedFailurePercentage", Set.of("Map"), Languages.BOTH);
        add("ToleratedFailurePercentagePath", Set.of("Map"), Languages.JSONPATH_ONLY);
        add("ToleratedFailureCount", Set.of("Map"), Languages.BOTH);
        add("ToleratedFailureCountPath", Set.of("Map"), Languages.JSONPATH_ONLY);
        add("ItemReader", Set.of("Map"), Languages.BOTH);
        add("ItemBatcher", Set.of("Map"), Languages.BOTH);
        add("ResultWriter", Set.of("Map"), Languages.BOTH);
        add("Label", Set.of("Map"), Languages.BOTH);
    }

    private StateFields() {
    }

    private static void add(String name, Set<String> types, Languages languages) {
        FIELDS.put(name, new Field(name, types, languages));
    }

    /** The field of that name, whatever the state type; null when ASL has no such state field. */
    public static Field field(String name) {
        return FIELDS.get(name);
    }

    /** Every state-level field, in the order of the ASL reference. */
    public static List<Field> all() {
        return List.copyOf(FIELDS.values());
    }
}
