package io.director.config.hocon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A configuration's text cut around the elements of its {@code director.services} list: the head (up to
 * and with the list's {@code [}), each element's text, and the tail (from the list's {@code ]}).
 *
 * <p>Only a plain layout is cut, one where every element means on its own what it means in the file: one
 * top-level {@code director { ... }} object; in it one unquoted {@code services = [ ... ]} whose elements
 * are all objects, separated by a comma or a line break (HOCON merges objects that follow each other on
 * one line); and no include, substitution or {@code +=} anywhere. Anything else is not cut, and the
 * caller parses the whole file as usual.
 */
record ServiceBlocks(String head, List<String> blocks, String tail) {
    private static final Pattern DIRECTOR_KEY = Pattern.compile("director\\s*[=:]?\\s*");
    private static final Pattern SERVICES_KEY = Pattern.compile("services\\s*[=:]?\\s*");
    private static final boolean[] MARKUP = new boolean[128];

    static {
        for (char c : "\"#/{}[]".toCharArray()) {
            MARKUP[c] = true;
        }
    }

    ServiceBlocks {
        blocks = List.copyOf(blocks);
    }

    /** The same frame around other elements, one to a line. */
    String withBlocks(List<String> elements) {
        StringBuilder text = new StringBuilder(head.length() + tail.length() + 64);
        text.append(head).append('\n');
        for (String e : elements) {
            text.append(e).append('\n');
        }
        return text.append(tail).toString();
    }

    boolean sameFrame(ServiceBlocks other) {
        return head.equals(other.head) && tail.equals(other.tail);
    }

    static Optional<ServiceBlocks> cut(String text) {
        if (text.contains("include") || text.contains("${") || text.contains("+=")) {
            return Optional.empty();
        }
        ServiceBlocks cut = new Cutter(text).run();
        if (cut == null || occurrences(cut.head + cut.tail, "services") != 1) {
            return Optional.empty(); // a second services key, quoted or dotted or even in a comment: not plain
        }
        return Optional.of(cut);
    }

    private static int occurrences(String text, String word) {
        int count = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            count++;
        }
        return count;
    }

    /** One pass over the text, tracking strings, comments and nesting as HOCON reads them. */
    private static final class Cutter {
        private final String text;
        private final Deque<Character> open = new ArrayDeque<>();
        private final List<String> blocks = new ArrayList<>();
        private int keyStart;           // in the director object: where the current key may start
        private int listOpen = -1;      // the services list's [
        private int listClose = -1;     // and its ]
        private int blockStart = -1;
        private boolean separated = true;
        private int commas;
        private boolean afterList;      // right after the list's ]: only a line end, comma, } or comment may follow
        private boolean directorSeen;
        private final StringBuilder top = new StringBuilder(); // what comes before the director object, comments left out

        Cutter(String text) {
            this.text = text;
        }

        ServiceBlocks run() {
            int n = text.length();
            for (int i = 0; i < n; i++) {
                if (open.size() > 2) {
                    i = nextMarkup(i, n); // inside an element only strings, comments and nesting matter
                    if (i == n) {
                        break;
                    }
                }
                char c = text.charAt(i);
                if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                    afterList = false;
                    int eol = text.indexOf('\n', i);
                    i = (eol < 0 ? n : eol) - 1;
                    continue;
                }
                if (afterList && !(c == ' ' || c == '\t' || c == '\r')) {
                    if (c != '\n' && c != ',' && c != '}') {
                        return null; // e.g. a second list concatenated to the first
                    }
                    afterList = false;
                }
                if (c == '"') {
                    if (open.isEmpty() || inList()) {
                        return null; // a quoted top-level key, or a string among the services
                    }
                    int end = stringEnd(i);
                    if (end < 0) {
                        return null;
                    }
                    i = end - 1;
                    continue;
                }
                if (inList()) {
                    if (!betweenElements(c, i)) {
                        return null;
                    }
                    continue;
                }
                if (!step(c, i)) {
                    return null;
                }
            }
            if (!open.isEmpty() || !directorSeen || listClose < 0) {
                return null;
            }
            return new ServiceBlocks(text.substring(0, listOpen + 1), blocks, text.substring(listClose));
        }

        private int nextMarkup(int i, int n) {
            while (i < n) {
                char c = text.charAt(i);
                if (c < MARKUP.length && MARKUP[c]) {
                    return i;
                }
                i++;
            }
            return n;
        }

        private boolean inList() {
            return listOpen >= 0 && listClose < 0 && open.size() == 2;
        }

        /** Between the list's elements: only blanks, line breaks, one comma, and the next element or the end. */
        private boolean betweenElements(char c, int i) {
            switch (c) {
                case '{' -> {
                    if (!separated) {
                        return false;
                    }
                    blockStart = i;
                    open.push('{');
                }
                case ']' -> {
                    open.pop();
                    listClose = i;
                    afterList = true;
                    keyStart = i + 1;
                }
                case ',' -> {
                    if (commas++ > 0 || blocks.isEmpty()) {
                        return false;
                    }
                    separated = true;
                }
                case '\n' -> separated = true;
                case ' ', '\t', '\r' -> { }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private boolean step(char c, int i) {
            if (open.isEmpty()) {
                if (directorSeen) {
                    return Character.isWhitespace(c); // nothing after the director object
                }
                if (c != '{') {
                    top.append(c);
                    return true;
                }
                if (!DIRECTOR_KEY.matcher(top.toString().strip()).matches()) {
                    return false;
                }
                directorSeen = true;
                keyStart = i + 1;
                open.push(c);
                return true;
            }
            switch (c) {
                case '{', '[' -> {
                    if (c == '[' && open.size() == 1 && SERVICES_KEY.matcher(text.substring(keyStart, i).strip()).matches()) {
                        if (listOpen >= 0) {
                            return false;
                        }
                        listOpen = i;
                        separated = true;
                        commas = 0;
                    }
                    open.push(c);
                }
                case '}', ']' -> {
                    if (open.pop() != (c == '}' ? '{' : '[')) {
                        return false;
                    }
                    if (blockStart >= 0 && open.size() == 2) {
                        blocks.add(text.substring(blockStart, i + 1));
                        blockStart = -1;
                        separated = false;
                        commas = 0;
                    } else if (open.size() == 1) {
                        keyStart = i + 1;
                    }
                }
                case ',', '\n' -> {
                    if (open.size() == 1) {
                        keyStart = i + 1;
                    }
                }
                default -> { }
            }
            return true;
        }

        /** The index after a string's closing quote, or -1 when it does not close. */
        private int stringEnd(int i) {
            if (text.startsWith("\"\"\"", i)) {
                int close = text.indexOf("\"\"\"", i + 3);
                if (close < 0) {
                    return -1;
                }
                int end = close + 3;
                while (end < text.length() && text.charAt(end) == '"') {
                    end++; // """a"""" ends with the last three quotes
                }
                return end;
            }
            for (int j = i + 1; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '\\') {
                    j++;
                } else if (c == '"') {
                    return j + 1;
                } else if (c == '\n') {
                    return -1;
                }
            }
            return -1;
        }
    }
}
