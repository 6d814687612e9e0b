package io.director.lab.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced code blocks of a Markdown text (``` or ~~~ fences, also indented inside list items). */
public final class MarkdownBlocks {
    private static final Pattern OPEN = Pattern.compile("^( *)(`{3,}|~{3,})\\s*([^`\\s]*).*$");

    private MarkdownBlocks() {}

    /** Every fenced block of {@code markdown}; {@code file} names it in the blocks and in errors. */
    public static List<FencedBlock> parse(String file, String markdown) {
        List<FencedBlock> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = OPEN.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            String fence = open.group(2);
            List<String> content = new ArrayList<>();
            int close = -1;
            for (int j = i + 1; j < lines.length; j++) {
                if (closes(lines[j], fence)) {
                    close = j;
                    break;
                }
                content.add(dedent(lines[j], indent));
            }
            if (close < 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": code fence " + fence + " is never closed");
            }
            blocks.add(new FencedBlock(file, i + 1, open.group(3), content));
            i = close;
        }
        return blocks;
    }

    private static boolean closes(String line, String fence) {
        String t = line.strip();
        return t.length() >= fence.length() && t.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Removes up to {@code indent} leading spaces (a block inside a list item is indented with its fence). */
    private static String dedent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }
}
