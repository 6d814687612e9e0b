package io.director.config.keepalived;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads keepalived.conf into statements: words separated by blanks, double-quoted strings, blocks in
 * braces, comments from {@code #} or {@code !} to the end of the line, and {@code include} with glob
 * patterns (relative to the including file). Problems become warnings; what can be read is kept.
 */
public final class KeepalivedParser {
    static final int MAX_INCLUDE_DEPTH = 8;
    static final int MAX_FILES = 256;
    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private final Consumer<String> warn;
    private int files;

    public KeepalivedParser(Consumer<String> warn) {
        this.warn = warn;
    }

    /** The statements of a file and everything it includes; a file that cannot be read throws. */
    public List<KeepalivedNode> parseFile(Path file) throws IOException {
        return parse(file, read(file), 0);
    }

    public List<KeepalivedNode> parseText(String text, String name, Path baseDir) {
        return parse(baseDir.resolve(name), text, 0);
    }

    private String read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
        }
        byte[] data = Files.readAllBytes(file);
        for (byte b : data) {
            if (b == 0) {
                throw new IOException(file + " is not a text file");
            }
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    private record Token(String text, boolean quoted, int line) {}

    private List<KeepalivedNode> parse(Path file, String text, int depth) {
        files++;
        String name = file.toString();
        List<List<Token>> lines = tokenize(text, name);
        List<KeepalivedNode> root = new ArrayList<>();
        // A stack of open blocks: each holds the statement that opened it and its children so far.
        List<List<KeepalivedNode>> stack = new ArrayList<>();
        List<Object[]> openers = new ArrayList<>();
        stack.add(root);
        for (List<Token> line : lines) {
            int i = 0;
            while (i < line.size()) {
                Token t = line.get(i);
                List<KeepalivedNode> current = stack.get(stack.size() - 1);
                if (!t.quoted && t.text.equals("}")) {
                    if (stack.size() == 1) {
                        warn.accept(name + ":" + t.line + ": unmatched '}' ignored");
                    } else {
                        close(stack, openers);
                    }
                    i++;
                    continue;
                }
                if (!t.quoted && t.text.equals("{")) {
                    // a brace on its own opens the block of the statement before it
                    if (!current.isEmpty() && current.get(current.size() - 1).block().isEmpty()) {
                        KeepalivedNode prev = current.remove(current.size() - 1);
                        open(stack, openers, prev.keyword(), prev.args(), name, prev.line());
                    } else {
                        warn.accept(name + ":" + t.line + ": '{' without a statement ignored");
                        open(stack, openers, "", List.of(), name, t.line);
                    }
                    i++;
                    continue;
                }
                if (!t.quoted && t.text.startsWith("@")) {
                    warn.accept(name + ":" + t.line + ": conditional configuration (" + t.text + ") is not supported; line skipped");
                    break;
                }
                if (!t.quoted && t.text.startsWith("$")) {
                    warn.accept(name + ":" + t.line + ": configuration variables (" + t.text + ") are not supported; line skipped");
                    break;
                }
                List<String> args = new ArrayList<>();
                int j = i + 1;
                while (j < line.size() && (line.get(j).quoted || !(line.get(j).text.equals("{") || line.get(j).text.equals("}")))) {
                    args.add(line.get(j).text);
                    j++;
                }
                if (j < line.size() && line.get(j).text.equals("{")) {
                    open(stack, openers, t.text, args, name, t.line);
                    j++;
                } else if (t.text.equals("include") && !t.quoted) {
                    current.addAll(include(file, args, t.line, depth));
                } else {
                    current.add(new KeepalivedNode(t.text, args, Optional.empty(), name, t.line));
                }
                i = j;
            }
        }
        while (stack.size() > 1) {
            Object[] o = openers.get(openers.size() - 1);
            warn.accept(name + ":" + o[3] + ": block " + o[0] + " is not closed before the end of the file");
            close(stack, openers);
        }
        return root;
    }

    private static void open(List<List<KeepalivedNode>> stack, List<Object[]> openers, String keyword, List<String> args,
                             String file, int line) {
        openers.add(new Object[] {keyword, args, file, line});
        stack.add(new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    private static void close(List<List<KeepalivedNode>> stack, List<Object[]> openers) {
        List<KeepalivedNode> children = stack.remove(stack.size() - 1);
        Object[] o = openers.remove(openers.size() - 1);
        if (!((String) o[0]).isEmpty()) {
            stack.get(stack.size() - 1).add(new KeepalivedNode((String) o[0], (List<String>) o[1], Optional.of(children),
                    (String) o[2], (Integer) o[3]));
        }
    }

    private List<KeepalivedNode> include(Path from, List<String> args, int line, int depth) {
        String where = from + ":" + line;
        if (args.size() != 1) {
            warn.accept(where + ": include takes one file or pattern; ignored");
            return List.of();
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            warn.accept(where + ": includes nested deeper than " + MAX_INCLUDE_DEPTH + " (an include loop?); " + args.get(0) + " skipped");
            return List.of();
        }
        Path base = from.getParent();
        Path pattern = base == null ? Path.of(args.get(0)) : base.resolve(args.get(0));
        List<Path> matches = glob(pattern);
        if (matches.isEmpty()) {
            warn.accept(where + ": include " + args.get(0) + " matches no file");
        }
        List<KeepalivedNode> out = new ArrayList<>();
        for (Path p : matches) {
            if (files >= MAX_FILES) {
                warn.accept(where + ": more than " + MAX_FILES + " included files; " + p + " skipped");
                break;
            }
            try {
                out.addAll(parse(p, read(p), depth + 1));
            } catch (IOException | RuntimeException e) {
                warn.accept(where + ": cannot include " + p + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> glob(Path pattern) {
        Path dir = pattern.getParent();
        String name = pattern.getFileName() == null ? "" : pattern.getFileName().toString();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return Files.isRegularFile(pattern) ? List.of(pattern) : List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, name)) {
            for (Path p : s) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    private List<List<Token>> tokenize(String text, String name) {
        List<List<Token>> lines = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            int n = raw.length();
            while (i < n) {
                char c = raw.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#' || c == '!') {
                    break;
                } else if (c == '{' || c == '}') {
                    tokens.add(new Token(String.valueOf(c), false, lineNo));
                    i++;
                } else if (c == '"') {
                    int close = raw.indexOf('"', i + 1);
                    if (close < 0) {
                        warn.accept(name + ":" + lineNo + ": unterminated quoted string; taken to the end of the line");
                        close = n;
                    }
                    tokens.add(new Token(raw.substring(i + 1, close), true, lineNo));
                    i = close + 1;
                } else {
                    int j = i;
                    while (j < n && !Character.isWhitespace(raw.charAt(j)) && "{}\"".indexOf(raw.charAt(j)) < 0) {
                        j++;
                    }
                    tokens.add(new Token(raw.substring(i, j), false, lineNo));
                    i = j;
                }
            }
            if (!tokens.isEmpty()) {
                lines.add(tokens);
            }
        }
        return lines;
    }
}
