package io.director.lab.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillOptionsTest {
    private static final Path OUT = Path.of("/x/lab-out");

    @Test
    void parsesAKeepalivedRun() {
        DrillOptions o = DrillOptions.parse(new String[] {"--kind", "kill", "--count", "20", "--keepalived", "--advert-int", "0.1"}, OUT);
        assertThat(o.kinds()).containsExactly(DrillKind.KILL);
        assertThat(o.count()).isEqualTo(20);
        assertThat(o.keepalived()).isTrue();
        assertThat(o.advertInt()).isEqualTo("0.1");
        assertThat(o.subject()).isEqualTo("keepalived advert_int 0.1");
        assertThat(o.out()).isEqualTo(OUT.resolve("keepalived-0.1-kill"));
    }

    @Test
    void severalKindsRunInRounds() {
        DrillOptions o = DrillOptions.parse(new String[] {"--kind=graceful,kill", "--count=2", "--connections", "0", "--out", "/r"}, OUT);
        assertThat(o.sequence()).containsExactly(DrillKind.GRACEFUL, DrillKind.KILL, DrillKind.GRACEFUL, DrillKind.KILL);
        assertThat(o.subject()).isEqualTo("Director");
        assertThat(o.tag()).isEqualTo("director-graceful+kill");
        assertThat(o.connections()).isZero();
        assertThat(o.out()).isEqualTo(Path.of("/r"));
        assertThat(DrillOptions.parse(new String[] {"--kind", "kill", "--count", "1", "--out", "rel"}, OUT).out())
                .isEqualTo(Path.of("rel").toAbsolutePath());
        assertThat(DrillOptions.parse(new String[] {"--kind", "link", "--count", "1", "--keepalived"}, OUT).advertInt()).isEqualTo("1");
    }

    @Test
    void badInputIsAClearError() {
        for (List<String> args : List.of(
                List.of("--count", "1"),
                List.of("--kind", "kill"),
                List.of("--kind", "explode", "--count", "1"),
                List.of("--kind", "kill", "--count", "0"),
                List.of("--kind", "kill", "--count", "many"),
                List.of("--kind", "kill", "--count", "1", "--advert-int", "1"),
                List.of("--kind", "kill", "--count", "1", "--keepalived", "--advert-int", "0.5"),
                List.of("--kind", "partition", "--count", "1", "--keepalived"),
                List.of("--kind", "kill", "--count"),
                List.of("--kind", "kill", "--count", "1", "--verbose"))) {
            assertThatThrownBy(() -> DrillOptions.parse(args.toArray(String[]::new), OUT)).as(args.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Exception");
        }
        assertThatThrownBy(() -> DrillOptions.parse(new String[] {"--kind", "partition", "--count", "1", "--keepalived"}, OUT))
                .hasMessage("keepalived has no witness: --kind partition is for Director only");
        assertThatThrownBy(() -> DrillOptions.parse(new String[] {"--kind", "kill", "--count", "0"}, OUT))
                .hasMessage("--count wants a whole number from 1 to 1000, not '0'");
    }
}
