package io.director.daemon;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's provider for the daemon: every logger writes logfmt to stderr ({@link LogfmtLogger}). The
 * threshold is {@code info}; {@code -Ddirector.log.level=debug} (or warn, error, trace) changes it.
 */
public final class LogfmtLoggers implements SLF4JServiceProvider, ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private Level threshold = Level.INFO;

    @Override
    public void initialize() {
        String wanted = System.getProperty("director.log.level", "info").toUpperCase(Locale.ROOT);
        try {
            threshold = Level.valueOf(wanted);
        } catch (IllegalArgumentException e) {
            threshold = Level.INFO;
        }
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new LogfmtLogger(n, threshold, () -> System.err, Clock.systemUTC()));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return this;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
