package io.director.lab.docs;

/**
 * One shell command shown in the documentation: where it starts ({@code file:line}) and its text
 * without comments; continuation lines, multi-line quotes and here-documents stay part of it.
 */
public record DocCommand(String file, int line, String text) {
    public String where() {
        return file + ":" + line;
    }

    /** The command's first line, for messages. */
    public String firstLine() {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " ...";
    }

    @Override
    public String toString() {
        return where() + ": " + firstLine();
    }
}
