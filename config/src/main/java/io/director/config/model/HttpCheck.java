package io.director.config.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * HTTP or HTTPS GET ({@code tls}). {@code port} overrides the real server's port; {@code keepAlive} reuses
 * one connection per real server instead of a new connection per check.
 */
public record HttpCheck(
        CheckTiming timing,
        boolean tls,
        String path,
        Optional<String> host,
        List<StatusRange> expect,
        Optional<String> bodyRegex,
        boolean verifyTls,
        Optional<String> sni,
        OptionalInt port,
        boolean keepAlive) implements CheckConfig {

    public HttpCheck {
        expect = List.copyOf(expect);
    }

    public boolean accepts(int status) {
        return expect.stream().anyMatch(r -> r.contains(status));
    }
}
