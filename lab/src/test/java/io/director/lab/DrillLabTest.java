package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.lab.drill.DrillKind;
import io.director.lab.drill.DrillOptions;
import io.director.lab.drill.DrillResult;
import io.director.lab.drill.Drills;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Failover drills in the lab: {@code lab drill}'s entry point over a Director pair, and
 * {@code director drill} run by an operator on a live pair.
 */
@Tag("long") // 4-7 minutes: beyond CI's 30 minutes with the rest; see the pom's lab.excludedGroups
@LabTest(realServers = 3)
class DrillLabTest {

    @Test
    void labDrillMeasuresEachDrillAndDrawsTheClientsView(Lab lab) throws Exception {
        Path out = lab.out().resolve("lab-drill");
        DrillOptions options = DrillOptions.parse(new String[] {"--kind", "graceful,graceful,kill", "--count", "1",
                "--connections", "5", "--out", out.toString()}, lab.out());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Drills.Run run = Drills.run(lab, options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        String printed = progress.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        List<DrillResult> results = run.report().results();
        assertThat(results).extracting(DrillResult::kind).containsExactly(DrillKind.GRACEFUL, DrillKind.GRACEFUL, DrillKind.KILL);
        for (DrillResult r : results) {
            assertThat(r.owners()).as("ip addr: the VIP on d1 alone after drill %d", r.number()).containsExactly("d1");
            assertThat(r.note()).as("drill %d", r.number()).doesNotContain("NOT SETTLED").doesNotContain("did not");
            assertThat(r.requests()).as("the client probed through drill %d", r.number()).isGreaterThan(50);
            assertThat(r.gapMillis()).as("a gap measured around drill %d's failover", r.number()).isPositive();
            assertThat(r.event()).isBetween(r.begin(), r.back());
            assertThat(r.resets()).as("connections held through drill %d", r.number()).isGreaterThanOrEqualTo(0);
        }
        assertThat(results.get(0).note()).as("director failover printed its own measurement").contains("new master after");
        // A killed master with a cut link: some of the client's requests go unanswered before d2 takes over.
        assertThat(results.get(2).gapMillis()).isGreaterThanOrEqualTo(20);
        assertThat(run.report().allSettledWithOneOwner()).isTrue();
        assertThat(printed).contains("gap p50", "gap p99", "gap max", "picture:   " + run.picture());

        assertThat(Files.readString(run.text())).contains("RESULT subject=\"Director\" kind=graceful drills=2",
                "RESULT subject=\"Director\" kind=kill drills=1");
        assertThat(run.picture()).isEqualTo(out.resolve("drill-director-graceful+graceful+kill.svg"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element svg = f.newDocumentBuilder().parse(run.picture().toFile()).getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getTextContent()).contains("#1 graceful", "#3 kill", "#3 back");
    }

    @Test
    void directorDrillHandsOverAndBackAndRefusesWithoutAHealthyPeer(Lab lab) {
        try (Directors directors = new Directors(lab)) {
            directors.startPair(Duration.ofSeconds(180));

            Exec onBackup = drill(lab, "d2", 1);
            assertThat(onBackup.exitCode()).isEqualTo(1);
            assertThat(onBackup.stderr()).contains("a drill runs on the master").contains("the master is d1");

            Exec r = drill(lab, "d1", 3);
            System.out.println(r.stdout() + r.stderr());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("director drill: leg 1/6 d1->d2: new master after")
                    .contains("director drill: leg 6/6 d2->d1: new master after");
            assertThat(r.stdout()).contains("d1->d2", "d2->d1", "p50", "p99", "max").endsWith("6 handovers, 0 failed\n");
            // the original master is in place: by its own log, and by ip addr on both
            assertThat(directors.role("d1")).isEqualTo("MASTER");
            assertThat(directors.holdsVip("d1")).isTrue();
            assertThat(directors.holdsVip("d2")).isFalse();
            Lab.await(Duration.ofSeconds(10), "the client's neighbour entry points to d1",
                    () -> directors.clientNeighbourMac().equals(directors.mac("d1")));

            directors.stop("d2");
            Lab.await(Duration.ofSeconds(90), "d1 to refuse a drill without its peer", () -> {
                Exec alone = drill(lab, "d1", 1);
                return alone.exitCode() == 1 && alone.stderr().contains("no healthy peer");
            });
            assertThat(directors.holdsVip("d1")).as("a refused drill leaves the master alone").isTrue();
        }
    }

    private static Exec drill(Lab lab, String node, int count) {
        return lab.host(node).run(Duration.ofSeconds(240), "JAVA_OPTS='" + Directors.JAVA_OPTS + "' " + lab.root().resolve("bin/director")
                + " drill --count " + count + " --interval 500 --socket /run/director/" + node + ".sock");
    }
}
