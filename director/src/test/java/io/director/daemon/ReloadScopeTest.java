package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.core.ConfigDiff;
import io.director.config.model.DirectorConfig;
import io.director.config.model.ServiceId;
import org.junit.jupiter.api.Test;

class ReloadScopeTest {
    final String base = TestConfigs.text(3, "");
    final DirectorConfig before = TestConfigs.load(base);

    ServiceId only() {
        return before.services().get(0).id();
    }

    @Test
    void realServerChangesNeedOnlyTheirService() {
        DirectorConfig weight = TestConfigs.load(base.replace("198.51.100.12, port = 80, weight = 2", "198.51.100.12, port = 80, weight = 9"));
        DirectorConfig removed = TestConfigs.load(TestConfigs.text(2, ""));
        DirectorConfig added = TestConfigs.load(TestConfigs.text(4, ""));
        for (DirectorConfig after : new DirectorConfig[] {weight, removed, added}) {
            assertThat(ReloadScope.services(ConfigDiff.diff(before, after))).hasValueSatisfying(s -> assertThat(s).containsExactly(only()));
        }
    }

    @Test
    void serviceSettingsNeedTheirService() {
        DirectorConfig after = TestConfigs.load(base.replace("scheduler = wrr", "scheduler = rr"));
        assertThat(ReloadScope.services(ConfigDiff.diff(before, after))).hasValueSatisfying(s -> assertThat(s).containsExactly(only()));
    }

    @Test
    void otherChangesNeedTheWholeTable() {
        DirectorConfig vips = TestConfigs.load(base.replace("vips = [\"198.51.100.100/24\"]", "vips = [\"198.51.100.100/24\", \"198.51.100.101/24\"]"));
        DirectorConfig owns = TestConfigs.load(TestConfigs.text(3, "ipvs { owns-table = true }"));
        assertThat(ReloadScope.services(ConfigDiff.diff(before, vips))).isEmpty();
        assertThat(ReloadScope.services(ConfigDiff.diff(before, owns))).isEmpty();
    }

    @Test
    void noChangeNeedsNothing() {
        assertThat(ReloadScope.services(ConfigDiff.diff(before, before))).hasValueSatisfying(s -> assertThat(s).isEmpty());
    }
}
