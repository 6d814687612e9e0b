package io.director.daemon;

import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes the libraries' log lines (JGroups, Netty, our own modules) in the same
 * logfmt as {@link EventLog}, so stderr is one format an operator can grep and a shipper can parse:
 * {@code time=… level=warn logger=org.jgroups.protocols.FD_SOCK2 msg="…" error="…"}.
 */
final class LogfmtLogger extends LegacyAbstractLogger {
    private final transient Supplier<PrintStream> out;   // looked up per line: System.err may be replaced
    private final transient Clock clock;
    private final Level threshold;

    LogfmtLogger(String name, Level threshold, Supplier<PrintStream> out, Clock clock) {
        this.name = name;
        this.threshold = threshold;
        this.out = out;
        this.clock = clock;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        String msg = MessageFormatter.basicArrayFormat(pattern, args);
        Object[] fields = t == null
                ? new Object[] {"level", level.name().toLowerCase(), "logger", name, "msg", msg}
                : new Object[] {"level", level.name().toLowerCase(), "logger", name, "msg", msg, "error", t.toString()};
        out.get().println(EventLog.fields(clock.instant(), fields));
    }
}
