package io.director.config.keepalived;

import java.util.List;
import java.util.Optional;

/**
 * A keepalived.conf translated to Director's HOCON, with a {@code FILE:LINE: ...} warning for everything
 * that has no equivalent; or, when the file cannot be read at all, an error.
 */
public record ImportResult(Optional<String> hocon, List<String> warnings, Optional<String> error) {

    public ImportResult {
        warnings = List.copyOf(warnings);
    }
}
