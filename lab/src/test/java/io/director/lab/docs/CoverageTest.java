package io.director.lab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private final DocCommand status = new DocCommand("docs/a.md", 3, "director status");
    private final DocCommand systemctl = new DocCommand("docs/a.md", 4, "systemctl enable --now director");
    private final DocCommand unknown = new DocCommand("docs/a.md", 5, "rm -rf /opt/something");

    @Test
    void aCommandThatRanOrIsExcusedWithAPassedSubstituteIsAccountedFor() {
        assertThat(Coverage.unaccounted(List.of(status, systemctl), c -> c == status, Set.of("systemd"))).isEmpty();
    }

    @Test
    void aPlacedCommandThatDidNotRunIsReported() {
        assertThat(Coverage.unaccounted(List.of(status), c -> false, Set.of()))
                .containsExactly("docs/a.md:3: director status: placed in D1 but no test ran it");
    }

    @Test
    void aNotRunCommandWhoseSubstituteDidNotPassIsReported() {
        assertThat(Coverage.unaccounted(List.of(systemctl), c -> true, Set.of("journal")))
                .singleElement().asString().startsWith("docs/a.md:4: systemctl enable --now director: not run (");
    }

    @Test
    void aCommandNoRulePlacesIsReported() {
        assertThat(Coverage.unaccounted(List.of(unknown), c -> true, Set.of()))
                .containsExactly("docs/a.md:5: rm -rf /opt/something: no rule in CommandPlaces places it");
    }
}
