package dev.baton.broker.api.aws;

import com.google.protobuf.Message;
import dev.baton.broker.api.aws.AwsOperations.Operation;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the AWS JSON 1.0 requests of one connection: resolves X-Amz-Target to an rpc, translates the body,
 * calls the rpc asynchronously (a long-polling GetActivityTask holds no thread) and translates the reply.
 * Requests of one connection are answered one at a time, in order (HTTP/1.1 pipelining); state is touched only
 * on the connection's event loop.
 */
final class AwsRequestHandler extends ChannelInboundHandlerAdapter {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String TARGET_HEADER = "X-Amz-Target";
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private static final Logger LOG = LoggerFactory.getLogger(AwsRequestHandler.class);

    private final io.grpc.Channel grpc;
    private final AwsOperations operations;
    private final InFlightExchanges inFlight;
    private final Deque<FullHttpRequest> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Exchange current;

    AwsRequestHandler(io.grpc.Channel grpc, AwsOperations operations, InFlightExchanges inFlight) {
        this.grpc = grpc;
        this.operations = operations;
        this.inFlight = inFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        waiting.add(request);
        if (current == null) {
            startNext();
        } else {
            // A pipelining client waits for the answer in flight; read no more until it is written.
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        Exchange exchange = current;
        if (exchange != null) {
            exchange.cancel("the client closed the connection");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && current == null && waiting.isEmpty()) {
            // A kept-alive connection nobody uses; a request in flight (a long poll) keeps it open.
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("AWS endpoint connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("AWS endpoint connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private void startNext() {
        while (current == null) {
            if (!ctx.channel().isActive()) {
                releaseWaiting();
                return;
            }
            FullHttpRequest request = waiting.poll();
            if (request == null) {
                ctx.channel().config().setAutoRead(true);
                return;
            }
            try {
                start(request);
            } finally {
                request.release();
            }
        }
    }

    private void start(FullHttpRequest request) {
        Exchange exchange = new Exchange(request.protocolVersion());
        current = exchange;
        inFlight.add(exchange);
        try {
            if (!request.decoderResult().isSuccess()) {
                exchange.closeAfterReply = true;
                throw AwsFault.serialization("Malformed HTTP request: " + request.decoderResult().cause().getMessage());
            }
            if (inFlight.isClosing()) {
                exchange.closeAfterReply = true;
                throw AwsFault.serviceUnavailable("The broker is shutting down; retry the request.");
            }
            if (!HttpMethod.POST.equals(request.method())) {
                throw new AwsFault(HttpResponseStatus.METHOD_NOT_ALLOWED, "UnknownOperationException",
                        "The AWS endpoint accepts POST / with " + TARGET_HEADER + ": " + operations.targetPrefix()
                                + ".<Operation> and a JSON body; " + request.method() + " is not supported.");
            }
            Operation operation = operations.resolve(request.headers().get(TARGET_HEADER));
            exchange.operationName = operation.name();
            Message message = AwsJsonCodec.parseRequest(ByteBufUtil.getBytes(request.content()), operation.requestPrototype());
            exchange.call(operation, message);
        } catch (AwsFault fault) {
            exchange.replyFault(fault, null);
        } catch (RuntimeException e) {
            LOG.warn("AWS request {} ({}) failed", exchange.requestId, exchange.operationName, e);
            exchange.replyFault(AwsFault.internalFailure("The broker failed to process the request; request id "
                    + exchange.requestId + " in the broker log has the details."), null);
        }
    }

    private void releaseWaiting() {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            request.release();
        }
    }

    /** Builds an AWS error reply. */
    static FullHttpResponse faultResponse(HttpVersion version, AwsFault fault, String requestId) {
        FullHttpResponse response = response(version, fault.httpStatus(), AwsJsonCodec.printError(fault), requestId);
        response.headers().set(ERROR_TYPE_HEADER, fault.errorName());
        if (fault.httpStatus().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
        }
        return response;
    }

    private static FullHttpResponse response(HttpVersion version, HttpResponseStatus status, byte[] body, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(REQUEST_ID_HEADER, requestId);
        return response;
    }

    /** One request from its arrival to its reply being written. */
    private final class Exchange implements InFlightExchanges.Cancellable {
        final String requestId = UUID.randomUUID().toString();
        final HttpVersion version;
        final long startNanos = System.nanoTime();
        final AtomicBoolean replied = new AtomicBoolean();
        String operationName = "-";
        boolean closeAfterReply;
        volatile ClientCall<Message, Message> call;

        Exchange(HttpVersion version) {
            this.version = version;
        }

        void call(Operation operation, Message request) {
            ClientCall<Message, Message> started = grpc.newCall(operation.method(), CallOptions.DEFAULT);
            call = started;
            ClientCalls.asyncUnaryCall(started, request, new StreamObserver<>() {
                private Message response;

                @Override
                public void onNext(Message value) {
                    response = value;
                }

                @Override
                public void onError(Throwable failure) {
                    replyFault(AwsFault.fromGrpc(failure, requestId), failure);
                }

                @Override
                public void onCompleted() {
                    replyOk(response);
                }
            });
        }

        @Override
        public void cancel(String reason) {
            ClientCall<Message, Message> started = call;
            if (started != null) {
                started.cancel(reason, null);
            }
        }

        void replyOk(Message message) {
            FullHttpResponse response;
            try {
                response = response(version, HttpResponseStatus.OK, AwsJsonCodec.printResponse(message), requestId);
            } catch (RuntimeException e) {
                LOG.warn("AWS request {} ({}): cannot print the response", requestId, operationName, e);
                replyFault(AwsFault.internalFailure("The broker failed to encode the response; request id "
                        + requestId + " in the broker log has the details."), null);
                return;
            }
            send(response, null);
        }

        void replyFault(AwsFault fault, Throwable grpcFailure) {
            if (fault.isServerError() && grpcFailure != null
                    && Status.fromThrowable(grpcFailure).getCode() != Status.Code.CANCELLED) {
                LOG.warn("AWS request {} ({}) failed on the broker: {}", requestId, operationName,
                        Status.fromThrowable(grpcFailure));
            }
            send(faultResponse(version, fault, requestId), fault);
        }

        private void send(FullHttpResponse response, AwsFault fault) {
            if (!replied.compareAndSet(false, true)) {
                response.release();
                return;
            }
            try {
                ctx.executor().execute(() -> write(response, fault));
            } catch (RejectedExecutionException e) {
                // The event loop is gone (server closed): nobody is left to answer.
                response.release();
                inFlight.remove(this);
            }
        }

        private void write(FullHttpResponse response, AwsFault fault) {
            if (closeAfterReply) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.writeAndFlush(response).addListener(written -> {
                inFlight.remove(this);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("AWS {} {} -> {}{} in {} ms", requestId, operationName, response.status().code(),
                            fault == null ? "" : " " + fault.errorName(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                }
                if (closeAfterReply || !written.isSuccess()) {
                    ctx.close();
                }
                current = null;
                startNext();
            });
        }
    }
}
