package io.director.config.core;

import io.director.config.model.CheckConfig;
import io.director.config.model.HttpCheck;
import io.director.config.model.ScriptCheck;
import io.director.config.model.TcpCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Short descriptions of checks for change summaries. */
final class CheckText {
    private CheckText() {}

    static String of(CheckConfig c) {
        String every = " every " + DurationText.of(c.timing().interval());
        if (c instanceof HttpCheck h) {
            return (h.tls() ? "https " : "http ") + h.path() + every;
        }
        if (c instanceof TcpCheck) {
            return "tcp" + every;
        }
        return "script " + ((ScriptCheck) c).command() + every;
    }

    /** Field changes of two checks of one type, timing fields flattened. */
    static List<FieldChange> changes(CheckConfig a, CheckConfig b) {
        List<FieldChange> out = new ArrayList<>(FieldChange.between(a.timing(), b.timing(), Set.of()));
        out.addAll(FieldChange.between((Record) a, (Record) b, Set.of("timing")));
        return out;
    }
}
