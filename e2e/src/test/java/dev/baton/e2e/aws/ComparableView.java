package dev.baton.e2e.aws;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * What an API object shows, as nested maps keyed by AWS member names, so that an AWS SDK response and the
 * gRPC response for the same call can be compared member by member. Timestamps are compared to the
 * millisecond (AWS's precision, and the SDK's), numbers as longs; members that are absent or empty (null, 0,
 * false, "", []) are left out on both sides, as AWS and proto3 disagree only on whether to send those.
 */
final class ComparableView {

    private ComparableView() {}

    static Map<String, Object> of(SdkPojo pojo) {
        Map<String, Object> view = new TreeMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = normalize(field.getValueOrDefault(pojo));
            if (!isEmpty(value)) {
                view.put(field.locationName(), value);
            }
        }
        return view;
    }

    static Map<String, Object> of(Message message) {
        Map<String, Object> view = new TreeMap<>();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (!field.isRepeated() && field.hasPresence() && !message.hasField(field)) {
                continue;
            }
            Object value = field.isMapField() ? protoMap(message, field) : normalize(message.getField(field));
            if (!isEmpty(value)) {
                view.put(field.getJsonName(), value);
            }
        }
        return view;
    }

    private static Map<String, Object> protoMap(Message message, FieldDescriptor field) {
        Map<String, Object> map = new TreeMap<>();
        for (Object entry : (List<?>) message.getField(field)) {
            Message pair = (Message) entry;
            var descriptor = pair.getDescriptorForType();
            map.put(String.valueOf(pair.getField(descriptor.findFieldByName("key"))),
                    normalize(pair.getField(descriptor.findFieldByName("value"))));
        }
        return map;
    }

    private static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp t -> Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).truncatedTo(ChronoUnit.MILLIS);
            case Instant i -> i.truncatedTo(ChronoUnit.MILLIS);
            case Message m -> of(m);
            case SdkPojo p -> of(p);
            case Integer i -> i.longValue();
            case Map<?, ?> m -> {
                Map<String, Object> map = new TreeMap<>();
                m.forEach((k, v) -> map.put(String.valueOf(k), normalize(v)));
                yield map;
            }
            case List<?> list -> {
                List<Object> items = new ArrayList<>();
                list.forEach(item -> items.add(normalize(item)));
                yield items;
            }
            default -> value;
        };
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || Long.valueOf(0).equals(value)
                || Boolean.FALSE.equals(value)
                || "".equals(value)
                || (value instanceof List<?> list && list.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
    }
}
