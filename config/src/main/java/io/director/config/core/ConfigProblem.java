package io.director.config.core;

/** One reason a configuration is refused, located in its file ({@code line} 0 when no line applies). */
public record ConfigProblem(String file, int line, String reason) {

    /** {@code FILE:LINE: reason}, the form {@code director check} prints. */
    @Override
    public String toString() {
        return file + ":" + Math.max(line, 1) + ": " + reason;
    }
}
