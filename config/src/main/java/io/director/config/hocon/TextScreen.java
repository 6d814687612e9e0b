package io.director.config.hocon;

import io.director.config.core.ConfigProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Refuses input that is not worth handing to the HOCON parser: binary data, invalid UTF-8, and nesting
 * deep enough to exhaust the parser's stack (typesafe-config parses recursively).
 */
final class TextScreen {
    private TextScreen() {}

    static final int MAX_DEPTH = 64;

    static Optional<ConfigProblem> bytes(String file, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                return Optional.of(new ConfigProblem(file, lineAt(data, i), "not a text file (contains a NUL byte)"));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data));
        } catch (CharacterCodingException e) {
            return Optional.of(new ConfigProblem(file, 1, "not UTF-8 text"));
        }
        return Optional.empty();
    }

    private static int lineAt(byte[] data, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (data[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The first place where braces and brackets nest deeper than {@link #MAX_DEPTH}, if any. */
    static Optional<ConfigProblem> nesting(String file, String text) {
        int depth = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '"') {
                if (text.startsWith("\"\"\"", i)) {
                    int close = text.indexOf("\"\"\"", i + 3);
                    i = close < 0 ? n : close + 2;
                } else {
                    i++;
                    while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                        if (text.charAt(i) == '\\') {
                            i++;
                        }
                        i++;
                    }
                }
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return Optional.of(new ConfigProblem(file, lineOf(text, i), "nested deeper than " + MAX_DEPTH + " levels"));
                }
            } else if (c == '}' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
        }
        return Optional.empty();
    }

    /** The line of {@code index}, counted only for the problem (a screen of every file counts no lines). */
    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        return line;
    }
}
