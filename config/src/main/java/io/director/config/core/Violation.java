package io.director.config.core;

import java.util.Optional;

/**
 * A semantic problem found in a model: {@code subject} is the model record at fault (by identity, so a
 * loader can locate it in its file), {@code key} the configuration key within it, and {@code related} an
 * optional other record the reason refers to (such as the first of two duplicates).
 */
public record Violation(Object subject, String key, String reason, Optional<Object> related) {

    public static Violation of(Object subject, String key, String reason) {
        return new Violation(subject, key, reason, Optional.empty());
    }
}
