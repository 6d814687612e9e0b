package io.director.config.hocon;

import io.director.config.core.ConfigProblem;
import io.director.config.model.DirectorConfig;
import java.util.List;
import java.util.Optional;

/** The outcome of loading a configuration: a valid model, or every problem found (never both). */
public record LoadResult(Optional<DirectorConfig> config, List<ConfigProblem> problems) {

    public LoadResult {
        problems = List.copyOf(problems);
        if (config.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a load result is either a configuration or problems");
        }
    }

    static LoadResult valid(DirectorConfig config) {
        return new LoadResult(Optional.of(config), List.of());
    }

    static LoadResult invalid(List<ConfigProblem> problems) {
        return new LoadResult(Optional.empty(), problems);
    }

    public boolean isValid() {
        return config.isPresent();
    }

    /** The problems as {@code FILE:LINE: reason} lines. */
    public List<String> problemLines() {
        return problems.stream().map(ConfigProblem::toString).toList();
    }
}
