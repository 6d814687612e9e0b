package io.director.lab.docs;

import java.util.List;

/**
 * A fenced code block of a Markdown file: its info string ({@code label}, "" when none), the line of
 * its opening fence (1-based) and its content lines with the fence's indentation removed.
 */
public record FencedBlock(String file, int line, String label, List<String> lines) {
    public FencedBlock {
        lines = List.copyOf(lines);
    }

    /** The file line of content line {@code index} (0-based). */
    public int lineOf(int index) {
        return line + 1 + index;
    }

    public String text() {
        return String.join("\n", lines);
    }

    public String where() {
        return file + ":" + line;
    }
}
