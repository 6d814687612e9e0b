package io.director.daemon.admin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The admin socket's wire format, pure (no I/O). One request per connection:
 * <pre>
 * request:  director-admin/1 TAB command TAB text|json [TAB arg]* LF      (UTF-8, at most 64 KiB)
 * response: director-admin/1 TAB exit-code TAB body-length LF body         (body: UTF-8, length in bytes)
 * </pre>
 * Tab-separated so that a request is one line any tool can write; arguments may not contain TAB,
 * LF or CR, so no escaping is needed.
 */
final class AdminProtocol {
    private AdminProtocol() {}

    static final String MAGIC = "director-admin/1";
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** A request the server cannot read; the message is sent back to the client. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    static byte[] encodeRequest(AdminRequest r) {
        checkCommand(r.command());
        StringBuilder b = new StringBuilder(MAGIC).append('\t').append(r.command()).append('\t')
                .append(r.json() ? "json" : "text");
        for (String a : r.args()) {
            if (a.indexOf('\t') >= 0 || a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("argument contains a tab or line break: " + a);
            }
            b.append('\t').append(a);
        }
        byte[] line = b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        if (line.length > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("request longer than " + MAX_REQUEST_BYTES + " bytes");
        }
        return line;
    }

    /** Decodes one request line, without its LF. */
    static AdminRequest decodeRequest(byte[] line) throws MalformedException {
        if (line.length == 0) {
            throw new MalformedException("empty request");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("request is not UTF-8 text");
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t') {
                throw new MalformedException("request contains control character 0x" + Integer.toHexString(c));
            }
        }
        String[] f = text.split("\t", -1);
        if (!f[0].equals(MAGIC)) {
            throw new MalformedException("not a director admin request (expected it to start with " + MAGIC
                    + "; is the client a different version?)");
        }
        if (f.length < 3) {
            throw new MalformedException("request needs a command and a format (text or json)");
        }
        if (!COMMAND.matcher(f[1]).matches()) {
            throw new MalformedException("bad command name '" + abbreviate(f[1]) + "'");
        }
        boolean json;
        switch (f[2]) {
            case "json" -> json = true;
            case "text" -> json = false;
            default -> throw new MalformedException("bad format '" + abbreviate(f[2]) + "' (expected text or json)");
        }
        List<String> args = new ArrayList<>(List.of(f).subList(3, f.length));
        return new AdminRequest(f[1], args, json);
    }

    static byte[] encodeResponse(AdminResponse r) {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        byte[] head = (MAGIC + "\t" + r.exitCode() + "\t" + body.length + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The response header: exit code and body length in bytes. */
    record Header(int exitCode, int bodyLength) {}

    /** Decodes a response header line, without its LF. */
    static Header decodeHeader(String line) throws MalformedException {
        String[] f = line.split("\t", -1);
        if (f.length != 3 || !f[0].equals(MAGIC)) {
            throw new MalformedException("not a director admin response: '" + abbreviate(line) + "'");
        }
        try {
            int exit = Integer.parseInt(f[1]);
            int length = Integer.parseInt(f[2]);
            if (exit < 0 || exit > 255 || length < 0 || length > MAX_RESPONSE_BYTES) {
                throw new MalformedException("response header out of range: '" + line + "'");
            }
            return new Header(exit, length);
        } catch (NumberFormatException e) {
            throw new MalformedException("bad response header: '" + abbreviate(line) + "'");
        }
    }

    private static void checkCommand(String command) {
        if (!COMMAND.matcher(command).matches()) {
            throw new IllegalArgumentException("bad command name '" + command + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
