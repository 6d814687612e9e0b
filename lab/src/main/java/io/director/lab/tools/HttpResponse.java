package io.director.lab.tools;

import java.nio.charset.StandardCharsets;

/** Reads a complete small HTTP response held in a byte array. */
final class HttpResponse {
    private HttpResponse() {
    }

    /**
     * The first line of the body when the status is 200, "http-STATUS" otherwise, null when the
     * bytes are not a complete response (no status line, or the headers never ended).
     */
    static String firstBodyLine(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headersEnd < 0) {
            return null;
        }
        String[] status = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
        if (status.length < 2) {
            return null;
        }
        if (!status[1].equals("200")) {
            return "http-" + status[1];
        }
        String body = text.substring(headersEnd + 4).strip();
        int nl = body.indexOf('\n');
        return nl < 0 ? body : body.substring(0, nl);
    }
}
