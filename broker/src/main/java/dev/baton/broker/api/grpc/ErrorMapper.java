package dev.baton.broker.api.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import dev.baton.broker.runtime.CommitPipeline;
import dev.baton.broker.service.AwsException;
import dev.baton.proto.v1.AwsError;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where failures become gRPC statuses: AWS's error name travels as an {@link AwsError}
 * detail, with the status code documented in errors.proto. Unexpected failures are logged once here
 * and reach the caller as InternalFailure without a stack trace.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static StatusRuntimeException toStatus(Throwable error) {
        Throwable e = unwrap(error);
        AwsException aws;
        if (e instanceof AwsException a) {
            aws = a;
        } else if (e instanceof StatusRuntimeException s) {
            return s;
        } else if (e instanceof CommitPipeline.ConflictException) {
            aws = AwsException.unavailable("The execution was changed concurrently; retry the request.");
        } else if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("shutting down")) {
            aws = AwsException.unavailable("The broker is shutting down; retry the request against a running broker.");
        } else {
            log.error("Unexpected failure while serving a request", e);
            aws = AwsException.internal();
        }
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code(aws.errorName()).getNumber())
                .setMessage(aws.errorName() + ": " + aws.getMessage())
                .addDetails(Any.pack(AwsError.newBuilder().setErrorName(aws.errorName()).setMessage(aws.getMessage()).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The gRPC code of an AWS error name (errors.proto). */
    static Code code(String errorName) {
        if (errorName.endsWith("DoesNotExist") || errorName.equals("ResourceNotFound")) {
            return Code.NOT_FOUND;
        }
        if (errorName.endsWith("AlreadyExists")) {
            return Code.ALREADY_EXISTS;
        }
        if (errorName.endsWith("LimitExceeded") || errorName.equals("ThrottlingException")) {
            return Code.RESOURCE_EXHAUSTED;
        }
        return switch (errorName) {
            case "TaskTimedOut", "TaskDoesNotExist", "ExecutionNotRedrivable", "StateMachineDeleting" -> Code.FAILED_PRECONDITION;
            case "ServiceUnavailable" -> Code.UNAVAILABLE;
            case "InternalFailure" -> Code.INTERNAL;
            default -> Code.INVALID_ARGUMENT;
        };
    }
}
