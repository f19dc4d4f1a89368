package dev.baton.broker.api.aws;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The AWS operations of one gRPC service: every unary rpc, under its own name, so
 * {@code X-Amz-Target: AWSStepFunctions.StartExecution} reaches the rpc {@code StartExecution}.
 * Built from the service descriptor, so an rpc added to the proto is an AWS operation with no change here.
 */
final class AwsOperations {

    /** One operation: the rpc to call and an empty request to parse the JSON body into. */
    record Operation(String name, MethodDescriptor<Message, Message> method, Message requestPrototype) {}

    private final String targetPrefix;
    private final Map<String, Operation> byName;

    private AwsOperations(String targetPrefix, Map<String, Operation> byName) {
        this.targetPrefix = targetPrefix;
        this.byName = byName;
    }

    /**
     * @param targetPrefix the X-Amz-Target service prefix AWS uses for the service, e.g. "AWSStepFunctions"
     */
    static AwsOperations of(String targetPrefix, ServiceDescriptor service) {
        Map<String, Operation> byName = new TreeMap<>();
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            // AWS JSON 1.0 is request/response only; a streaming rpc has no AWS form.
            if (method.getType() != MethodDescriptor.MethodType.UNARY
                    || !(method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller)
                    || !(marshaller.getMessagePrototype() instanceof Message prototype)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            MethodDescriptor<Message, Message> unary = (MethodDescriptor<Message, Message>) method;
            byName.put(method.getBareMethodName(), new Operation(method.getBareMethodName(), unary, prototype));
        }
        return new AwsOperations(targetPrefix, Collections.unmodifiableMap(byName));
    }

    String targetPrefix() {
        return targetPrefix;
    }

    Map<String, Operation> byName() {
        return byName;
    }

    /**
     * Resolves an X-Amz-Target header value to an operation.
     *
     * @throws AwsFault UnknownOperationException when the header is missing, names another service or an
     *     operation the service does not have (what AWS answers for an unknown target)
     */
    Operation resolve(String target) {
        if (target == null || target.isBlank()) {
            throw AwsFault.unknownOperation("The request has no X-Amz-Target header; send X-Amz-Target: "
                    + targetPrefix + ".<Operation>, e.g. " + targetPrefix + ".ListStateMachines.");
        }
        String prefix = targetPrefix + ".";
        if (!target.startsWith(prefix)) {
            throw AwsFault.unknownOperation("X-Amz-Target '" + target + "' does not name a " + targetPrefix
                    + " operation; expected " + targetPrefix + ".<Operation>.");
        }
        Operation operation = byName.get(target.substring(prefix.length()));
        if (operation == null) {
            throw AwsFault.unknownOperation("Operation '" + target.substring(prefix.length())
                    + "' is not supported by this Baton broker. Supported: " + String.join(", ", byName.keySet()) + ".");
        }
        return operation;
    }
}
