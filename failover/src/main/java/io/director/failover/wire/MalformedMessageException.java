package io.director.failover.wire;

/** A payload that is not a well-formed cluster message; it is dropped with a log line. */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String reason) {
        super(reason);
    }
}
