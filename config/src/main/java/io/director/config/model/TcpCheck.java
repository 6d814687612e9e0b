package io.director.config.model;

import java.util.Optional;
import java.util.OptionalInt;

/** TCP connect; optionally send bytes and expect the reply to start with a prefix. */
public record TcpCheck(CheckTiming timing, OptionalInt port, Optional<String> send, Optional<String> expect)
        implements CheckConfig {}
