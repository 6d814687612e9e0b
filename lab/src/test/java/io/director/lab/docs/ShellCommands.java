package io.director.lab.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits the text of a {@code sh} block into commands, as {@code sh} reads it: {@code #} comments
 * (at a word's start, outside quotes) are dropped, and a command goes on over a line that ends with
 * {@code \}, {@code |}, {@code &&} or {@code ||}, over a quote left open and over the bodies of its
 * here-documents. Blank and comment-only lines between commands are skipped.
 */
public final class ShellCommands {
    private ShellCommands() {}

    /** The commands of {@code block}, each with the file line it starts on. */
    public static List<DocCommand> of(FencedBlock block) {
        List<DocCommand> commands = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int start = -1;
        Scan scan = new Scan();
        Deque<HereDoc> bodies = new ArrayDeque<>();
        List<String> lines = block.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!bodies.isEmpty()) {
                text.append('\n').append(line);
                HereDoc doc = bodies.peek();
                if ((doc.stripTabs() ? line.replaceFirst("^\t+", "") : line).equals(doc.delimiter())) {
                    bodies.pop();
                }
                if (bodies.isEmpty() && !scan.continues()) {
                    commands.add(new DocCommand(block.file(), block.lineOf(start), text.toString()));
                    text.setLength(0);
                }
                continue;
            }
            String code = scan.line(line);
            if (text.length() == 0) {
                if (code.isBlank()) {
                    continue;
                }
                start = i;
            } else {
                text.append('\n');
            }
            text.append(code);
            bodies.addAll(scan.takeHereDocs());
            if (bodies.isEmpty() && !scan.continues()) {
                commands.add(new DocCommand(block.file(), block.lineOf(start), text.toString()));
                text.setLength(0);
            }
        }
        if (text.length() > 0) {
            String what = bodies.isEmpty() ? "the command goes on past the end of the block"
                    : "here-document " + bodies.peek().delimiter() + " is never closed";
            throw new IllegalArgumentException(block.file() + ":" + block.lineOf(start) + ": " + what);
        }
        return commands;
    }

    private record HereDoc(String delimiter, boolean stripTabs) {}

    /** The lexical state carried from one line to the next: an open quote, here-documents announced. */
    private static final class Scan {
        private char quote;                       // 0, '\'' or '"'
        private boolean continues;
        private final List<HereDoc> hereDocs = new ArrayList<>();

        /** {@code line} without its comment (and trailing blanks); updates the state. */
        String line(String line) {
            StringBuilder out = new StringBuilder();
            boolean escaped = false;
            int n = line.length();
            for (int i = 0; i < n; i++) {
                char c = line.charAt(i);
                if (quote == '\'') {
                    out.append(c);
                    if (c == '\'') {
                        quote = 0;
                    }
                } else if (escaped) {
                    out.append(c);
                    escaped = false;
                } else if (c == '\\') {
                    out.append(c);
                    escaped = true;
                } else if (quote == '"') {
                    out.append(c);
                    if (c == '"') {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    out.append(c);
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    break;
                } else if (c == '<' && line.startsWith("<<", i) && !line.startsWith("<<<", i)) {
                    i = hereDoc(line, i, out);
                } else {
                    out.append(c);
                }
            }
            String code = quote == 0 ? out.toString().stripTrailing() : out.toString();
            continues = quote != 0 || (escaped && code.endsWith("\\")) || code.endsWith("|") || code.endsWith("&&");
            return code;
        }

        /** Reads the operator and word of a here-document at {@code i}; returns the index of its last character. */
        private int hereDoc(String line, int i, StringBuilder out) {
            int j = i + 2;
            boolean stripTabs = j < line.length() && line.charAt(j) == '-';
            if (stripTabs) {
                j++;
            }
            while (j < line.length() && line.charAt(j) == ' ') {
                j++;
            }
            StringBuilder word = new StringBuilder();
            char q = 0;
            int k = j;
            for (; k < line.length(); k++) {
                char c = line.charAt(k);
                if (q != 0) {
                    if (c == q) {
                        q = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    q = c;
                } else if (c == '\\') {
                    continue;
                } else if (Character.isWhitespace(c) || ";&|<>()".indexOf(c) >= 0) {
                    break;
                } else {
                    word.append(c);
                }
            }
            if (word.length() == 0) {
                throw new IllegalArgumentException("a here-document without a delimiter word: " + line);
            }
            hereDocs.add(new HereDoc(word.toString(), stripTabs));
            out.append(line, i, k);
            return k - 1;
        }

        boolean continues() {
            return continues;
        }

        List<HereDoc> takeHereDocs() {
            List<HereDoc> taken = List.copyOf(hereDocs);
            hereDocs.clear();
            return taken;
        }
    }
}
