package io.director.config.model;

import java.nio.file.Path;
import java.util.Optional;

/** The daemon's admin socket (root only) and its optional Prometheus listener. */
public record AdminConfig(Path socket, Optional<Endpoint> metrics) {}
