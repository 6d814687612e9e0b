package io.director.lab;

/** The lab could not do what was asked: the guest failed to boot, died, or a command timed out. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
