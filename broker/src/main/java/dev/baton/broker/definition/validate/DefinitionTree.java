package dev.baton.broker.definition.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.definition.StateMachineType;
import dev.baton.broker.definition.model.QueryLanguage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A definition's JSON tree seen as what ASL makes of it: state graphs (the state machine, each
 * Parallel branch, each Map's ItemProcessor/Iterator) and their states, each with its location
 * (e.g. {@code /States/Fan/Branches/0/States/Charge}) and effective query language. Built
 * tolerantly: whatever is not an object where ASL expects one is simply not visited (a schema
 * rule reports it), so rules never trip over malformed input.
 */
public final class DefinitionTree {

    /** The ASL state types. */
    public static final Set<String> STATE_TYPES = Set.of("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map");

    public enum GraphKind { STATE_MACHINE, BRANCH, ITEM_PROCESSOR }

    /**
     * A set of states with a StartAt.
     *
     * @param location the graph's location ("" for the state machine itself)
     * @param owner    the Parallel or Map state that holds this graph, or null for the state machine
     */
    public record Graph(String location, ObjectNode node, GraphKind kind, StateSite owner, List<StateSite> states,
                        Map<String, StateSite> byName) {
        /** The location of one of the graph's own fields, e.g. {@code /States/Fan/Branches/0/StartAt}. */
        public String fieldLocation(String field) {
            return location + "/" + field;
        }

        /** The States object, or null when it is missing or not an object. */
        public ObjectNode statesNode() {
            return node.get("States") instanceof ObjectNode o ? o : null;
        }

        public boolean hasState(String name) {
            ObjectNode states = statesNode();
            return states != null && states.has(name);
        }

        /** The StartAt text, or null when missing or not a string. */
        public String startAt() {
            JsonNode s = node.get("StartAt");
            return s != null && s.isTextual() ? s.textValue() : null;
        }

        /** The state of that name, or null (also when its value is not an object). */
        public StateSite state(String name) {
            return byName.get(name);
        }
    }

    /**
     * One state of a graph.
     *
     * @param queryLanguage the effective query language: the state's own when valid, else the state machine's
     */
    public record StateSite(String name, ObjectNode node, Graph graph, String location, QueryLanguage queryLanguage) {
        /** The Type when it is one of ASL's state types, else null. */
        public String type() {
            JsonNode t = node.get("Type");
            return t != null && t.isTextual() && STATE_TYPES.contains(t.textValue()) ? t.textValue() : null;
        }

        public boolean is(String type) {
            return type.equals(type());
        }

        public JsonNode field(String name) {
            return node.get(name);
        }

        public boolean has(String name) {
            return node.has(name);
        }

        public String fieldLocation(String field) {
            return location + "/" + field;
        }

        public boolean jsonata() {
            return queryLanguage == QueryLanguage.JSONATA;
        }

        /**
         * The object elements of an array field (Choices, Catch, Retry) with their locations; none when
         * the field is absent or not an array (a shape rule reports that).
         */
        public List<Element> elements(String field) {
            JsonNode list = node.get(field);
            if (list == null || !list.isArray()) {
                return List.of();
            }
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isObject()) {
                    out.add(new Element(list.get(i), fieldLocation(field) + "/" + i));
                }
            }
            return out;
        }
    }

    /** An element of an array field and its location, e.g. {@code /States/Charge/Catch/0}. */
    public record Element(JsonNode node, String location) {
        public String fieldLocation(String field) {
            return location + "/" + field;
        }
    }

    private final JsonNode root;
    private final StateMachineType type;
    private final QueryLanguage queryLanguage;
    private final List<Graph> graphs = new ArrayList<>();
    private final List<StateSite> states = new ArrayList<>();

    private DefinitionTree(JsonNode root, StateMachineType type) {
        this.root = root;
        this.type = type;
        this.queryLanguage = queryLanguageOf(root, QueryLanguage.JSONPATH);
        if (root instanceof ObjectNode object) {
            visitGraph(object, "", GraphKind.STATE_MACHINE, null);
        }
    }

    public static DefinitionTree of(JsonNode root, StateMachineType type) {
        return new DefinitionTree(root, type);
    }

    private static QueryLanguage queryLanguageOf(JsonNode node, QueryLanguage fallback) {
        JsonNode q = node == null ? null : node.get("QueryLanguage");
        QueryLanguage parsed = q != null && q.isTextual() ? QueryLanguage.fromAslName(q.textValue()) : null;
        return parsed == null ? fallback : parsed;
    }

    private void visitGraph(ObjectNode node, String location, GraphKind kind, StateSite owner) {
        List<StateSite> members = new ArrayList<>();
        Map<String, StateSite> byName = new java.util.HashMap<>();
        Graph graph = new Graph(location, node, kind, owner, Collections.unmodifiableList(members),
                Collections.unmodifiableMap(byName));
        graphs.add(graph);
        if (!(node.get("States") instanceof ObjectNode statesNode)) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields();
        List<StateSite> nested = new ArrayList<>();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue() instanceof ObjectNode stateNode) {
                StateSite site = new StateSite(e.getKey(), stateNode, graph, location + "/States/" + e.getKey(),
                        queryLanguageOf(stateNode, queryLanguage));
                members.add(site);
                byName.put(site.name(), site);
                states.add(site);
                nested.add(site);
            }
        }
        for (StateSite site : nested) {
            if (site.is("Parallel") && site.field("Branches") instanceof com.fasterxml.jackson.databind.node.ArrayNode branches) {
                for (int i = 0; i < branches.size(); i++) {
                    if (branches.get(i) instanceof ObjectNode branch) {
                        visitGraph(branch, site.location() + "/Branches/" + i, GraphKind.BRANCH, site);
                    }
                }
            }
            if (site.is("Map")) {
                for (String field : List.of("ItemProcessor", "Iterator")) {
                    if (site.field(field) instanceof ObjectNode processor) {
                        visitGraph(processor, site.location() + "/" + field, GraphKind.ITEM_PROCESSOR, site);
                    }
                }
            }
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The root as an object, or null when the definition is not a JSON object. */
    public ObjectNode rootObject() {
        return root instanceof ObjectNode o ? o : null;
    }

    public StateMachineType type() {
        return type;
    }

    /** The state machine's query language (top-level QueryLanguage, JSONPath by default). */
    public QueryLanguage queryLanguage() {
        return queryLanguage;
    }

    /** Every graph, the state machine's first, then nested ones in definition order. */
    public List<Graph> graphs() {
        return Collections.unmodifiableList(graphs);
    }

    /** Every state of every graph. */
    public List<StateSite> states() {
        return Collections.unmodifiableList(states);
    }

    public Graph stateMachineGraph() {
        return graphs.isEmpty() ? null : graphs.get(0);
    }
}
