package io.director.healthcheck.probe;

import io.director.config.model.HttpCheck;
import io.director.healthcheck.core.CheckOutcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Judges HTTP responses on one connection, one exchange at a time: the status first, then (with a body regex)
 * at most {@link #BODY_LIMIT} bytes of body. It never reads more than it needs: once the verdict is known
 * the connection is closed, unless it is kept alive and the whole (small) response has been read.
 */
final class HttpExchange extends ChannelInboundHandlerAdapter {

    /** Most body bytes matched against a regex, and most bytes drained to keep a connection alive. */
    static final int BODY_LIMIT = 64 * 1024;

    private final HttpCheck check;
    private final Optional<Pattern> bodyRegex;
    private final Supplier<HttpRequest> request;
    private Consumer<CheckOutcome> done;
    private boolean inResponse;
    private boolean reusable;
    private boolean responseStarted;
    private ByteArrayOutputStream body;
    private long bodyBytes;
    private ChannelHandlerContext ctx;

    HttpExchange(HttpCheck check, Optional<Pattern> bodyRegex, Supplier<HttpRequest> request) {
        this.check = check;
        this.bodyRegex = bodyRegex;
        this.request = request;
    }

    /** Begins an exchange on a connection that is (or is about to be) connected; writes the request when active. */
    void begin(Consumer<CheckOutcome> outcome) {
        this.done = outcome;
        this.inResponse = true;
        this.reusable = false;
        this.responseStarted = false;
        this.body = bodyRegex.isPresent() ? new ByteArrayOutputStream() : null;
        this.bodyBytes = 0;
        if (ctx != null && ctx.channel().isActive()) {
            sendRequest();
        }
    }

    /** True when a kept-alive connection is connected and holds no unread response. */
    boolean idle() {
        return ctx != null && ctx.channel().isActive() && !inResponse && done == null && reusable;
    }

    /** The connection could not be made: report {@code outcome} unless the exchange already ended. */
    void abandonWith(CheckOutcome outcome) {
        finish(outcome);
    }

    /** True once the current exchange has received a response head (its outcome is the server's). */
    boolean responseStarted() {
        return responseStarted;
    }

    /** The engine gave up on the exchange (timeout): no outcome is reported any more. */
    void abandon() {
        done = null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (done != null) {
            sendRequest();
        }
        super.channelActive(ctx);
    }

    private void sendRequest() {
        ctx.writeAndFlush(request.get()).addListener(f -> {
            if (!f.isSuccess()) {
                fail(Failures.describe("send request", f.cause()));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!inResponse) {
                fail("unexpected data on an idle connection");
                return;
            }
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                fail(Failures.describe("invalid HTTP response", object.decoderResult().cause()));
                return;
            }
            if (msg instanceof HttpResponse response) {
                onResponse(response);
            }
            if (msg instanceof HttpContent content && inResponse) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(HttpResponse response) {
        responseStarted = true;
        int status = response.status().code();
        if (!check.accepts(status)) {
            fail("status " + status);
            return;
        }
        reusable = check.keepAlive() && HttpUtil.isKeepAlive(response);
        if (bodyRegex.isEmpty()) {
            finish(CheckOutcome.ok("status " + status));
            if (!reusable) {
                close();
            }
        }
    }

    private void onContent(HttpContent content) {
        ByteBuf data = content.content();
        int readable = data.readableBytes();
        bodyBytes += readable;
        if (done != null && body != null) {
            int take = (int) Math.min(readable, BODY_LIMIT - body.size());
            byte[] chunk = new byte[take];
            data.getBytes(data.readerIndex(), chunk);
            body.write(chunk, 0, take);
            if (bodyRegex.get().matcher(body.toString(StandardCharsets.UTF_8)).find()) {
                finish(CheckOutcome.ok("body matches"));
            } else if (body.size() >= BODY_LIMIT || content instanceof LastHttpContent) {
                fail("body does not match /" + bodyRegex.get().pattern() + "/ in its first " + body.size() + " bytes");
                return;
            }
        }
        if (content instanceof LastHttpContent) {
            inResponse = false;
            if (!reusable) {
                close();
            }
        } else if (bodyBytes > BODY_LIMIT) {
            // Draining a large body to keep the connection is not worth it: the verdict is in, drop the rest.
            reusable = false;
            close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(Failures.describe("connection", cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        inResponse = false;
        reusable = false;
        finish(CheckOutcome.failed("connection closed before a complete response"));
        super.channelInactive(ctx);
    }

    private void fail(String reason) {
        reusable = false;
        inResponse = false;
        finish(CheckOutcome.failed(reason));
        close();
    }

    private void finish(CheckOutcome outcome) {
        Consumer<CheckOutcome> callback = done;
        done = null;
        if (callback != null) {
            callback.accept(outcome);
        }
    }

    private void close() {
        inResponse = false;
        if (ctx != null) {
            ctx.channel().close();
        }
    }
}
