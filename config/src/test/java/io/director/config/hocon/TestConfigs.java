package io.director.config.hocon;

import io.director.config.model.DirectorConfig;

/** Loads test configurations that must be valid, failing with their problems otherwise. */
public final class TestConfigs {
    private TestConfigs() {}

    public static DirectorConfig load(String text) {
        LoadResult r = ConfigLoader.loadText(text, "test.conf");
        if (!r.isValid()) {
            throw new AssertionError("invalid test configuration:\n" + String.join("\n", r.problemLines()));
        }
        return r.config().orElseThrow();
    }
}
