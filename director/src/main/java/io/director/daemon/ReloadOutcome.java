package io.director.daemon;

import java.util.List;

/** What a reload did: the one-line summaries of what changed, or why it was refused. */
public record ReloadOutcome(boolean applied, List<String> lines) {
    public ReloadOutcome {
        lines = List.copyOf(lines);
    }

    static ReloadOutcome applied(List<String> changes) {
        return new ReloadOutcome(true, changes);
    }

    static ReloadOutcome refused(List<String> problems) {
        return new ReloadOutcome(false, problems);
    }

    public String text() {
        if (applied && lines.isEmpty()) {
            return "reload: no changes";
        }
        return (applied ? "reload applied:\n  " : "reload refused; the running configuration stays:\n  ")
                + String.join("\n  ", lines);
    }
}
