package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Value semantics of JSON shared by the array intrinsics: equality and hashing that agree. */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * True when two JSON values are the same value: numbers compare by mathematical value (1, 1.0
     * and 1.00 are the same number), objects by their fields regardless of order, arrays element by
     * element.
     */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A hash consistent with {@link #same}. */
    static int hash(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue().stripTrailingZeros().hashCode();
        }
        if (n.isArray()) {
            int h = 1;
            for (JsonNode item : n) {
                h = 31 * h + hash(item);
            }
            return h;
        }
        if (n.isObject()) {
            int h = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                h += e.getKey().hashCode() ^ hash(e.getValue());
            }
            return h;
        }
        return n.hashCode();
    }
}
