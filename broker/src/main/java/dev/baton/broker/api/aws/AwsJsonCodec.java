package dev.baton.broker.api.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Translates between AWS JSON 1.0 bodies and the API's protobuf messages.
 *
 * <p>The proto's JSON names are AWS's member names, so protobuf's {@link JsonFormat} does the work; this
 * class only fixes what proto3 JSON writes differently from AWS, walking the message descriptors (so every
 * message and every rpc is covered the same way):
 * <ul>
 *   <li>{@code google.protobuf.Timestamp}: AWS sends epoch seconds as a JSON number, fraction allowed
 *       ({@code 1700000000.123}); proto3 JSON uses RFC 3339 text.</li>
 *   <li>64-bit integers: proto3 JSON writes them as strings; AWS as numbers.</li>
 *   <li>Numbers and booleans with no presence ({@code previousEventId}, {@code id}): proto3 JSON omits the
 *       default 0/false; AWS sends them (the first history event has {@code "previousEventId": 0}).
 *       Members AWS may omit are {@code optional} in the proto and keep their presence.</li>
 *   <li>Lists: AWS always sends its list members, {@code []} when empty; proto3 JSON omits them.</li>
 *   <li>Maps: AWS omits an empty map (no {@code assignedVariables} when a state assigns nothing), as proto3 does.</li>
 * </ul>
 * Empty strings stay omitted, as proto3 JSON does and AWS does for absent members ({@code nextToken}).
 * Unknown request members are ignored, as AWS ignores them.
 */
final class AwsJsonCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Exact decimals: an epoch-seconds timestamp keeps its fraction.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final String TIMESTAMP = Timestamp.getDescriptor().getFullName();
    private static final String WELL_KNOWN_PACKAGE = "google.protobuf";

    private AwsJsonCodec() {}

    /**
     * Parses a request body into a message of the prototype's type. An empty body is an empty request.
     *
     * @throws AwsFault SerializationException for a body that is not a JSON object or a member of the wrong type
     */
    static Message parseRequest(byte[] body, Message prototype) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw AwsFault.serialization("The request body is not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree == null || tree.isMissingNode()) {
            return prototype;
        }
        if (!(tree instanceof ObjectNode object)) {
            throw AwsFault.serialization("The request body must be a JSON object, not " + tree.getNodeType() + ".");
        }
        fromAws(object, prototype.getDescriptorForType());
        Message.Builder builder = prototype.newBuilderForType();
        try {
            PARSER.merge(MAPPER.writeValueAsString(object), builder);
        } catch (InvalidProtocolBufferException e) {
            throw AwsFault.serialization("The request body does not match the " + prototype.getDescriptorForType().getName()
                    + " shape: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.build();
    }

    /** Prints a response message as AWS does. */
    static byte[] printResponse(Message response) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(PRINTER.print(response));
            toAws(tree, response.getDescriptorForType());
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            // Only an Any of an unregistered type can fail to print; the API has none.
            throw new UncheckedIOException("Cannot print " + response.getDescriptorForType().getFullName(), e);
        }
    }

    /** {@code {"__type": "<error name>", "message": "..."}}, AWS JSON 1.0's error body. */
    static byte[] printError(AwsFault fault) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("__type", fault.errorName());
        body.put("message", fault.getMessage());
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- response: proto3 JSON -> AWS JSON

    private static void toAws(ObjectNode json, Descriptor type) {
        for (FieldDescriptor field : type.getFields()) {
            String name = field.getJsonName();
            JsonNode value = json.get(name);
            if (value != null) {
                json.set(name, eachValue(value, field, AwsJsonCodec::toAwsValue));
            } else if (field.isRepeated() && !field.isMapField()) {
                json.putArray(name);
            } else if (!field.isRepeated() && !field.hasPresence()) {
                JsonNode zero = zeroOf(field);
                if (zero != null) {
                    json.set(name, zero);
                }
            }
        }
    }

    /** Applies {@code convert} to a singular value, to each element of a list, or to each value of a map. */
    private static JsonNode eachValue(JsonNode value, FieldDescriptor field,
                                      BiFunction<JsonNode, FieldDescriptor, JsonNode> convert) {
        if (field.isMapField()) {
            if (value instanceof ObjectNode map) {
                FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
                for (String key : fieldNames(map)) {
                    map.set(key, convert.apply(map.get(key), valueField));
                }
            }
            return value;
        }
        if (field.isRepeated()) {
            if (value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, convert.apply(array.get(i), field));
                }
            }
            return value;
        }
        return convert.apply(value, field);
    }

    private static JsonNode toAwsValue(JsonNode value, FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case MESSAGE -> {
                Descriptor type = field.getMessageType();
                if (type.getFullName().equals(TIMESTAMP)) {
                    yield epochSeconds(value.asText());
                }
                if (!isWellKnown(type) && value instanceof ObjectNode object) {
                    toAws(object, type);
                }
                yield value;
            }
            case LONG -> value.isTextual() ? BigIntegerNode.valueOf(new BigInteger(value.asText())) : value;
            default -> value;
        };
    }

    private static JsonNode zeroOf(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case INT -> IntNode.valueOf(0);
            case LONG -> LongNode.valueOf(0);
            case FLOAT, DOUBLE -> DoubleNode.valueOf(0);
            case BOOLEAN -> BooleanNode.FALSE;
            default -> null;
        };
    }

    private static JsonNode epochSeconds(String rfc3339) {
        Timestamp timestamp;
        try {
            timestamp = Timestamps.parse(rfc3339);
        } catch (ParseException e) {
            throw new IllegalStateException("JsonFormat printed an unparseable Timestamp: " + rfc3339, e);
        }
        BigDecimal seconds = BigDecimal.valueOf(timestamp.getSeconds())
                .add(BigDecimal.valueOf(timestamp.getNanos(), 9))
                .stripTrailingZeros();
        return seconds.scale() <= 0 ? LongNode.valueOf(timestamp.getSeconds()) : DecimalNode.valueOf(seconds);
    }

    // ---- request: AWS JSON -> proto3 JSON

    private static void fromAws(ObjectNode json, Descriptor type) {
        for (FieldDescriptor field : type.getFields()) {
            String name = field.getJsonName();
            JsonNode value = json.get(name);
            if (value != null && !value.isNull()) {
                json.set(name, eachValue(value, field, AwsJsonCodec::fromAwsValue));
            }
        }
    }

    private static JsonNode fromAwsValue(JsonNode value, FieldDescriptor field) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return value;
        }
        Descriptor type = field.getMessageType();
        if (type.getFullName().equals(TIMESTAMP) && value.isNumber()) {
            return TextNode.valueOf(Timestamps.toString(timestampOf(value.decimalValue(), field)));
        }
        if (!isWellKnown(type) && value instanceof ObjectNode object) {
            fromAws(object, type);
        }
        return value;
    }

    private static Timestamp timestampOf(BigDecimal epochSeconds, FieldDescriptor field) {
        try {
            long seconds = epochSeconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            int nanos = epochSeconds.subtract(BigDecimal.valueOf(seconds)).movePointRight(9)
                    .setScale(0, RoundingMode.DOWN).intValueExact();
            Timestamp timestamp = Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
            if (Timestamps.isValid(timestamp)) {
                return timestamp;
            }
        } catch (ArithmeticException e) {
            // out of range: reported below
        }
        throw AwsFault.serialization("Member " + field.getJsonName() + " must be epoch seconds between "
                + "0001-01-01 and 9999-12-31, not " + epochSeconds.toPlainString() + ".");
    }

    private static boolean isWellKnown(Descriptor type) {
        return type.getFile().getPackage().equals(WELL_KNOWN_PACKAGE);
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>(object.size());
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
