package io.director.config.hocon;

import com.typesafe.config.ConfigOrigin;
import io.director.config.core.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects problems, turning typesafe-config origins into FILE:LINE. */
final class Problems {
    private final String fallbackFile;
    private final List<ConfigProblem> list = new ArrayList<>();

    Problems(String fallbackFile) {
        this.fallbackFile = fallbackFile;
    }

    void add(ConfigOrigin origin, String reason) {
        list.add(at(origin, reason));
    }

    void add(ConfigProblem problem) {
        list.add(problem);
    }

    ConfigProblem at(ConfigOrigin origin, String reason) {
        if (origin == null || origin.description().startsWith(ConfigLoader.REFERENCE_ORIGIN)) {
            return new ConfigProblem(fallbackFile, 0, reason);
        }
        String file = origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource() : fallbackFile;
        return new ConfigProblem(file, Math.max(origin.lineNumber(), 0), reason);
    }

    int lineOf(ConfigOrigin origin) {
        return origin == null ? 0 : Math.max(origin.lineNumber(), 0);
    }

    int size() {
        return list.size();
    }

    List<ConfigProblem> all() {
        return list;
    }
}
