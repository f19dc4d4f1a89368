package dev.baton.broker.api.aws;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.baton.proto.v1.AwsError;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An error as the AWS JSON 1.0 protocol reports it: an HTTP status plus {@code {"__type": name, "message": ...}}.
 * Thrown for problems found before the rpc is called, and made from an rpc's failed status.
 * Expected client errors: no stack trace is captured.
 */
final class AwsFault extends RuntimeException {

    private final HttpResponseStatus httpStatus;
    private final String errorName;

    AwsFault(HttpResponseStatus httpStatus, String errorName, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.errorName = errorName;
    }

    HttpResponseStatus httpStatus() {
        return httpStatus;
    }

    String errorName() {
        return errorName;
    }

    boolean isServerError() {
        return httpStatus.code() >= 500;
    }

    /** AWS JSON protocols answer an unknown or missing X-Amz-Target with this name (HTTP 400). */
    static AwsFault unknownOperation(String message) {
        return new AwsFault(HttpResponseStatus.BAD_REQUEST, "UnknownOperationException", message);
    }

    /** A body that is not JSON, or a member of the wrong JSON type: AWS's SerializationException (HTTP 400). */
    static AwsFault serialization(String message) {
        return new AwsFault(HttpResponseStatus.BAD_REQUEST, "SerializationException", message);
    }

    /** AWS's common error for a temporary failure of the server (HTTP 503); AWS SDKs retry it. */
    static AwsFault serviceUnavailable(String message) {
        return new AwsFault(HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", message);
    }

    /** AWS's common error for an unexpected failure (HTTP 500); AWS SDKs retry it. */
    static AwsFault internalFailure(String message) {
        return new AwsFault(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalFailure", message);
    }

    /**
     * Translates a failed rpc. The broker names AWS's error in a {@link AwsError} detail; the gRPC code only
     * chooses the HTTP status. A status with no detail (a broker bug, or a failure below the services) gets
     * AWS's common error for its code; an internal status keeps its description out of the reply.
     */
    static AwsFault fromGrpc(Throwable failure, String requestId) {
        Status status = Status.fromThrowable(failure);
        AwsError detail = awsErrorDetail(failure);
        if (detail != null && !detail.getErrorName().isEmpty()) {
            String message = detail.getMessage().isEmpty() ? describe(status) : detail.getMessage();
            return new AwsFault(httpStatusFor(status.getCode()), detail.getErrorName(), message);
        }
        return switch (status.getCode()) {
            case UNIMPLEMENTED -> unknownOperation("The operation is not supported by this Baton broker.");
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE ->
                new AwsFault(HttpResponseStatus.BAD_REQUEST, "ValidationException", describe(status));
            case NOT_FOUND -> new AwsFault(HttpResponseStatus.BAD_REQUEST, "ResourceNotFound", describe(status));
            case RESOURCE_EXHAUSTED -> new AwsFault(HttpResponseStatus.BAD_REQUEST, "ThrottlingException", describe(status));
            case PERMISSION_DENIED -> new AwsFault(HttpResponseStatus.BAD_REQUEST, "AccessDeniedException", describe(status));
            case UNAUTHENTICATED -> new AwsFault(HttpResponseStatus.FORBIDDEN, "UnrecognizedClientException", describe(status));
            // Cancelled (shutdown) and unavailable are temporary: 503 makes AWS SDKs retry elsewhere or later.
            case UNAVAILABLE, CANCELLED, DEADLINE_EXCEEDED -> serviceUnavailable(
                "The broker is unavailable (" + describe(status) + "); retry the request.");
            default -> internalFailure("The broker failed to process the request; request id " + requestId
                + " in the broker log has the details.");
        };
    }

    private static HttpResponseStatus httpStatusFor(Status.Code code) {
        return switch (code) {
            case INTERNAL, UNKNOWN, DATA_LOSS -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
            case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            default -> HttpResponseStatus.BAD_REQUEST;
        };
    }

    private static String describe(Status status) {
        return status.getDescription() == null ? status.getCode().name() : status.getDescription();
    }

    private static AwsError awsErrorDetail(Throwable failure) {
        com.google.rpc.Status rpcStatus = StatusProto.fromThrowable(failure);
        if (rpcStatus == null) {
            return null;
        }
        for (Any detail : rpcStatus.getDetailsList()) {
            if (detail.is(AwsError.class)) {
                try {
                    return detail.unpack(AwsError.class);
                } catch (InvalidProtocolBufferException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
