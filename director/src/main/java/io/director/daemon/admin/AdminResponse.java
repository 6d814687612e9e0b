package io.director.daemon.admin;

import java.util.Objects;

/**
 * The daemon's answer: the exit code {@code director <command>} exits with, and the text it prints.
 * Codes: 0 done, 1 failed or refused (the body says why), 2 a request the daemon cannot read.
 */
public record AdminResponse(int exitCode, String body) {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_REQUEST = 2;

    public AdminResponse {
        Objects.requireNonNull(body, "body");
        if (exitCode < 0 || exitCode > 255) {
            throw new IllegalArgumentException("exit code must be 0..255: " + exitCode);
        }
    }

    public static AdminResponse ok(String body) {
        return new AdminResponse(OK, body);
    }

    public static AdminResponse failed(String body) {
        return new AdminResponse(FAILED, body);
    }

    public static AdminResponse badRequest(String body) {
        return new AdminResponse(BAD_REQUEST, body);
    }
}
