package io.director.healthcheck.probe;

/** Short, operator-readable reasons from exceptions (the root cause, without a stack trace). */
final class Failures {

    private static final int MAX_LENGTH = 200;

    private Failures() {}

    static String describe(String what, Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String text = what + ": " + message;
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
