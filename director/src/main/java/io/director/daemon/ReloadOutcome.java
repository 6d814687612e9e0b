package io.director.daemon;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a reload did: the one-line summaries of what changed, how many IPVS operations it sent to the
 * kernel and how long it took from the request until the kernel had them; or why it was refused.
 */
public record ReloadOutcome(boolean applied, List<String> lines, long ipvsOps, Duration elapsed) {
    public ReloadOutcome {
        lines = List.copyOf(lines);
    }

    static ReloadOutcome applied(List<String> changes, long ipvsOps, Duration elapsed) {
        return new ReloadOutcome(true, changes, ipvsOps, elapsed);
    }

    static ReloadOutcome unchanged() {
        return new ReloadOutcome(true, List.of(), 0, Duration.ZERO);
    }

    static ReloadOutcome refused(List<String> problems) {
        return new ReloadOutcome(false, problems, 0, Duration.ZERO);
    }

    public String text() {
        if (!applied) {
            return "reload refused; the running configuration stays:\n  " + String.join("\n  ", lines);
        }
        if (lines.isEmpty()) {
            return "reload: no changes";
        }
        return String.format(Locale.ROOT, "reload applied in %.1f ms, %d IPVS operation%s:\n  ", elapsed.toNanos() / 1e6, ipvsOps,
                ipvsOps == 1 ? "" : "s") + String.join("\n  ", lines);
    }
}
