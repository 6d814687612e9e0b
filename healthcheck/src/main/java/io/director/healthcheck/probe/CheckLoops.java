package io.director.healthcheck.probe;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.Executor;

/**
 * The event loops checks run on: Netty's, each with a {@link CoarseTicker} that spares most clock readings
 * while the loop runs its tasks (check starts, timeouts and next runs).
 */
public final class CheckLoops extends MultiThreadIoEventLoopGroup {

    public CheckLoops(int threads, NettyTransport transport) {
        super(threads, new DefaultThreadFactory("health-io", true), transport.ioHandlerFactory());
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory ioHandlerFactory, Object... args) {
        return new Loop(this, executor, ioHandlerFactory);
    }

    private static final class Loop extends SingleThreadIoEventLoop {
        /** Null while Netty's constructor runs (it reads the clock once): the system ticker serves then. */
        private final CoarseTicker clock;

        Loop(IoEventLoopGroup group, Executor executor, IoHandlerFactory ioHandlerFactory) {
            super(group, executor, ioHandlerFactory);
            clock = new CoarseTicker(Ticker.systemTicker(), this::inEventLoop);
        }

        @Override
        public Ticker ticker() {
            return clock == null ? Ticker.systemTicker() : clock;
        }

        /** The loop alternates I/O and a batch of tasks: samples serve the batch only. */
        @Override
        protected int runIo() {
            clock.endBatch();
            try {
                return super.runIo();
            } finally {
                clock.startBatch();
            }
        }
    }
}
