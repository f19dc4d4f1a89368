package dev.baton.broker.api.aws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.UUID;

/**
 * Aggregates a request's body up to a limit and answers a larger one with HTTP 413 in AWS's error shape
 * (Netty's own reply has no body, which AWS SDKs report as an unknown error). As Netty does, the connection
 * stays open when the client can go on (keep-alive, or it asked with Expect: 100-continue before sending the
 * body) and the rest of the body is discarded; otherwise it is closed after the reply.
 */
final class RequestSizeLimit extends HttpObjectAggregator {

    private final int maxRequestBytes;

    RequestSizeLimit(int maxRequestBytes) {
        super(maxRequestBytes);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        AwsFault fault = new AwsFault(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "RequestEntityTooLargeException",
                "The request body is larger than " + maxRequestBytes + " bytes, the limit of this endpoint "
                        + "(state machine definitions are limited to 1 MiB, inputs and outputs to 256 KiB).");
        boolean close = oversized instanceof FullHttpMessage
                || (!HttpUtil.is100ContinueExpected(request) && !HttpUtil.isKeepAlive(request));
        var response = AwsRequestHandler.faultResponse(request.protocolVersion(), fault, UUID.randomUUID().toString());
        if (close) {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
