package io.director.daemon.admin;

import java.io.IOException;

/** No usable answer from a daemon's admin socket; the message says why, ready for the operator. */
public final class AdminUnavailableException extends IOException {
    public AdminUnavailableException(String message) {
        super(message);
    }
}
