package io.director.healthcheck.core;

import io.director.config.model.CheckTiming;
import io.director.config.model.HttpCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What would make a check impossible to run. The engine refuses a configuration with any of these before it
 * changes anything, so bad input never costs the running checks their state (the config loader should
 * have caught them earlier with file and line).
 */
public final class CheckProblems {

    private CheckProblems() {}

    public static List<String> of(Collection<CheckTarget> targets) {
        List<String> problems = new ArrayList<>();
        for (CheckTarget target : targets) {
            CheckTiming timing = target.check().timing();
            String where = target.key() + ": ";
            if (timing.interval().isNegative() || timing.interval().isZero()) {
                problems.add(where + "interval must be positive, got " + timing.interval());
            }
            if (timing.timeout().isNegative() || timing.timeout().isZero()) {
                problems.add(where + "timeout must be positive, got " + timing.timeout());
            }
            if (timing.rise() < 1 || timing.fall() < 1) {
                problems.add(where + "rise and fall must be at least 1, got rise=" + timing.rise() + " fall=" + timing.fall());
            }
            if (target.check() instanceof HttpCheck http) {
                if (http.expect().isEmpty()) {
                    problems.add(where + "no expected status codes");
                }
                if (!http.path().startsWith("/")) {
                    problems.add(where + "path must start with '/', got '" + http.path() + "'");
                }
                http.bodyRegex().ifPresent(regex -> {
                    try {
                        Pattern.compile(regex);
                    } catch (PatternSyntaxException e) {
                        problems.add(where + "invalid body regex: " + e.getDescription());
                    }
                });
            }
        }
        return problems;
    }
}
