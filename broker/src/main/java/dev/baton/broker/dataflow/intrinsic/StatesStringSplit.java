package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;

/**
 * {@code States.StringSplit(string, delimiters)}: the string cut at every character of
 * {@code delimiters}, empty pieces dropped (recorded by AWS: "This.is+a,test=string" split by
 * ".+,=" gives 5 words; ",,,," split by "," gives []).
 */
final class StatesStringSplit extends IntrinsicFunction {
    StatesStringSplit() {
        super("States.StringSplit", 2, 2);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        String text = args.string(0);
        String delimiters = args.string(1);
        ArrayNode out = Json.MAPPER.createArrayNode();
        StringBuilder piece = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (delimiters.indexOf(cp) >= 0) {
                if (!piece.isEmpty()) {
                    out.add(piece.toString());
                    piece.setLength(0);
                }
            } else {
                piece.appendCodePoint(cp);
            }
        });
        if (!piece.isEmpty()) {
            out.add(piece.toString());
        }
        return out;
    }
}
