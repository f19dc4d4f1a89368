package dev.baton.broker.dataflow.jsonata;

import com.dashjoin.jsonata.Jsonata;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a JSONata expression reads, from its parse tree: the names it looks up at the top level
 * (where a Step Functions expression has no context value: AWS refuses {@code phone},
 * {@code $count(items)}, {@code $} and {@code $$} there), the variables it references and the
 * {@code $states} fields it reads.
 *
 * <p>The engine has no public syntax-tree API, so the tree is read reflectively from the parsed
 * expression in this one class; {@code ExpressionAnalysisTest} pins the shape of the tree, so an
 * engine upgrade that changes it fails the build rather than these checks.
 *
 * @param topLevelNames    names read from the (absent) top-level context, e.g. {@code phone}, {@code *}
 * @param readsContextItem {@code $} at the top level
 * @param readsRoot        {@code $$} anywhere
 * @param variables        every {@code $name} the expression references or binds (functions included)
 * @param statesFields     the fields read as {@code $states.field}; {@code "*"} when $states is read whole
 */
record ExpressionAnalysis(List<String> topLevelNames, boolean readsContextItem, boolean readsRoot, Set<String> variables,
                          Set<String> statesFields) {

    private static final Field AST = field(Jsonata.class, "ast");

    static ExpressionAnalysis of(Jsonata compiled) {
        Walker walker = new Walker();
        try {
            walker.walk(AST.get(compiled), true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("The JSONata syntax tree cannot be read", e);
        }
        return new ExpressionAnalysis(List.copyOf(walker.topLevelNames), walker.readsContextItem, walker.readsRoot,
                Set.copyOf(walker.variables), Set.copyOf(walker.statesFields));
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // Look in the superclass.
            }
        }
        throw new IllegalStateException("The JSONata engine has no field '" + name + "' in " + type.getName());
    }

    /** Walks the engine's Symbol tree; {@code topLevel} is whether a node is evaluated against the (absent) context. */
    private static final class Walker {
        private static final Class<?> SYMBOL = symbolClass();
        private static final Field TYPE = field(SYMBOL, "type");
        private static final Field VALUE = field(SYMBOL, "value");
        private static final Field STEPS = field(SYMBOL, "steps");
        private static final Field STAGES = field(SYMBOL, "stages");
        private static final Field PREDICATE = field(SYMBOL, "predicate");
        private static final Field EXPR = field(SYMBOL, "expr");
        private static final Field GROUP = field(SYMBOL, "group");
        private static final Field LHS_OBJECT = field(SYMBOL, "lhsObject");
        private static final Field EXPRESSIONS = field(SYMBOL, "expressions");
        private static final Field ARGUMENTS = field(SYMBOL, "arguments");
        private static final Field PROCEDURE = field(SYMBOL, "procedure");
        private static final Field BODY = field(SYMBOL, "body");
        private static final Field CONDITION = field(SYMBOL, "condition");
        private static final Field THEN = field(SYMBOL, "then");
        private static final Field ELSE = field(SYMBOL, "_else");
        private static final Field LHS = field(SYMBOL, "lhs");
        private static final Field RHS = field(SYMBOL, "rhs");
        private static final Field EXPRESSION = field(SYMBOL, "expression");
        private static final Field TERMS = field(SYMBOL, "terms");
        private static final Field PATTERN = field(SYMBOL, "pattern");
        private static final Field UPDATE = field(SYMBOL, "update");
        private static final Field DELETE = field(SYMBOL, "delete");

        private final Set<String> topLevelNames = new LinkedHashSet<>();
        private final Set<String> variables = new LinkedHashSet<>();
        private final Set<String> statesFields = new LinkedHashSet<>();
        private boolean readsContextItem;
        private boolean readsRoot;

        private static Class<?> symbolClass() {
            try {
                return Class.forName("com.dashjoin.jsonata.Parser$Symbol");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("The JSONata engine has no Parser.Symbol", e);
            }
        }

        void walk(Object node, boolean topLevel) throws IllegalAccessException {
            if (node == null || !SYMBOL.isInstance(node)) {
                return;
            }
            String type = (String) TYPE.get(node);
            Object value = VALUE.get(node);
            switch (type == null ? "" : type) {
                case "path" -> walkPath(node, topLevel);
                case "name", "wildcard", "descendant", "parent" -> {
                    if (topLevel) {
                        topLevelNames.add(String.valueOf(value));
                    }
                }
                case "variable" -> {
                    String name = String.valueOf(value);
                    if (name.isEmpty()) {
                        readsContextItem |= topLevel;
                    } else if (name.equals("$")) {
                        readsRoot = true;
                    } else {
                        variables.add(name);
                        if (name.equals("states")) {
                            statesFields.add("*");
                        }
                    }
                }
                case "function", "partial" -> {
                    walk(PROCEDURE.get(node), topLevel);
                    walkAll(ARGUMENTS.get(node), topLevel);
                }
                case "lambda" -> {
                    // A lambda's body is evaluated with the context it was defined in.
                    walkAll(ARGUMENTS.get(node), false);
                    walk(BODY.get(node), topLevel);
                }
                case "unary" -> {
                    walk(EXPRESSION.get(node), topLevel);
                    walkAll(EXPRESSIONS.get(node), topLevel);
                    walkPairs(LHS_OBJECT.get(node), topLevel);
                }
                case "binary", "apply" -> {
                    walk(LHS.get(node), topLevel);
                    walk(RHS.get(node), topLevel);
                }
                case "bind" -> {
                    walk(LHS.get(node), false);
                    walk(RHS.get(node), topLevel);
                }
                case "condition" -> {
                    walk(CONDITION.get(node), topLevel);
                    walk(THEN.get(node), topLevel);
                    walk(ELSE.get(node), topLevel);
                }
                case "block" -> walkAll(EXPRESSIONS.get(node), topLevel);
                case "transform" -> {
                    // Evaluated against the object being transformed, never the top level.
                    walk(PATTERN.get(node), false);
                    walk(UPDATE.get(node), false);
                    walk(DELETE.get(node), false);
                }
                case "sort" -> {
                    if (TERMS.get(node) instanceof List<?> terms) {
                        for (Object term : terms) {
                            walk(EXPRESSION.get(term), false);
                        }
                    }
                }
                default -> {
                    // Literals, regular expressions and operators read nothing.
                }
            }
            walkStages(node);
        }

        private void walkPath(Object path, boolean topLevel) throws IllegalAccessException {
            if (!(STEPS.get(path) instanceof List<?> steps)) {
                return;
            }
            int first = 0;
            if (steps.size() >= 2 && isVariable(steps.get(0), "states")) {
                variables.add("states");
                Object second = steps.get(1);
                statesFields.add("name".equals(TYPE.get(second)) ? String.valueOf(VALUE.get(second)) : "*");
                walkStages(steps.get(0));
                first = 1;
            }
            for (int i = first; i < steps.size(); i++) {
                walk(steps.get(i), topLevel && i == 0);
            }
            if (GROUP.get(path) != null) {
                walkPairs(LHS_OBJECT.get(GROUP.get(path)), false);
            }
        }

        private boolean isVariable(Object node, String name) throws IllegalAccessException {
            return SYMBOL.isInstance(node) && "variable".equals(TYPE.get(node)) && name.equals(VALUE.get(node));
        }

        /** Predicates and filter stages are evaluated against the items they filter. */
        private void walkStages(Object node) throws IllegalAccessException {
            for (Field f : new Field[]{STAGES, PREDICATE}) {
                if (f.get(node) instanceof List<?> stages) {
                    for (Object stage : stages) {
                        walk(stage, false);
                        if (SYMBOL.isInstance(stage)) {
                            walk(EXPR.get(stage), false);
                        }
                    }
                }
            }
        }

        private void walkAll(Object nodes, boolean topLevel) throws IllegalAccessException {
            if (nodes instanceof List<?> list) {
                for (Object n : new ArrayList<>(list)) {
                    walk(n, topLevel);
                }
            }
        }

        private void walkPairs(Object pairs, boolean topLevel) throws IllegalAccessException {
            if (pairs instanceof List<?> list) {
                for (Object pair : list) {
                    if (pair instanceof Object[] kv) {
                        for (Object n : kv) {
                            walk(n, topLevel);
                        }
                    }
                }
            }
        }
    }
}
