package io.director.lab.docs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Which documented commands no test accounts for. */
public final class Coverage {
    private Coverage() {}

    /**
     * One line per command that is neither placed and run ({@code ran}) nor matched by a not-run rule of
     * {@link CommandPlaces} whose substitute check passed ({@code substitutesPassed}: rule names).
     */
    public static List<String> unaccounted(Collection<DocCommand> commands, Predicate<DocCommand> ran, Set<String> substitutesPassed) {
        List<String> problems = new ArrayList<>();
        for (DocCommand c : commands) {
            CommandRule rule = CommandPlaces.ruleOf(c).orElse(null);
            if (rule == null) {
                problems.add(c + ": no rule in CommandPlaces places it");
            } else if (rule.place() == Place.NOT_RUN) {
                if (!substitutesPassed.contains(rule.name())) {
                    problems.add(c + ": not run (" + rule.reason() + "), and its substitute check did not pass: " + rule.substitute());
                }
            } else if (!ran.test(c)) {
                problems.add(c + ": placed in " + rule.place() + " but no test ran it");
            }
        }
        return problems;
    }
}
