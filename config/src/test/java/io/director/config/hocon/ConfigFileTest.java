package io.director.config.hocon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reloaded file gives exactly what a fresh load of it gives, whether only the changed services were
 * parsed or the whole file; and it is the changed services only where the layout allows it.
 */
class ConfigFileTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            director {
              node-id = d1
              interface = eth0
              cluster { name = c, bind = "198.51.100.2:7800", members = ["198.51.100.2:7800"] }
              vips = ["198.51.100.100/24"]
              admin { socket = /run/director/d1.sock }
              service-defaults { scheduler = %s }
              services = [
            """;

    private static String service(int port, int weight) {
        return "    {\n      vip = 198.51.100.100, port = " + port + ", forwarding = dr   # a comment with } and ]\n"
                + "      check { type = tcp, interval = 2s }\n"
                + "      real-servers = [\n"
                + "        { address = 198.51.100.11, port = " + port + ", weight = " + weight + " }\n"
                + "        { address = 198.51.100.12, port = " + port + ", weight = 1 }\n"
                + "      ]\n    }\n";
    }

    private static String file(String scheduler, List<String> services) {
        return HEAD.formatted(scheduler) + String.join("", services) + "  ]\n}\n";
    }

    private static List<String> services(int n) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(service(10000 + i, 1));
        }
        return s;
    }

    private Path write(String text) {
        try {
            return Files.writeString(dir.resolve("director.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the text through {@code file} and checks it against a fresh load of the same text. */
    private LoadResult reload(ConfigFile file, String text) {
        write(text);
        LoadResult again = file.load();
        assertThat(again).isEqualTo(ConfigLoader.load(file.path()));
        return again;
    }

    @Test
    void aChangedWeightParsesOnlyItsService() {
        List<String> services = services(50);
        ConfigFile file = new ConfigFile(write(file("wrr", services)));
        assertThat(file.load().isValid()).isTrue();
        assertThat(file.lastWasPartial()).isFalse();

        services.set(17, service(10017, 5));
        LoadResult r = reload(file, file("wrr", services));
        assertThat(r.config().orElseThrow().services().get(17).realServers().get(0).weight()).isEqualTo(5);
        assertThat(file.lastWasPartial()).isTrue();

        services.remove(3);
        services.add(0, service(20000, 2));
        reload(file, file("wrr", services));
        assertThat(file.lastWasPartial()).isTrue();
    }

    @Test
    void aLargeFileLoadedFirstASliceAtATimeEqualsOneTreeEvenWhenInvalid() {
        List<String> services = services(ConfigFile.SLICE * 2 + 30);
        assertThat(reload(new ConfigFile(dir.resolve("director.conf")), file("wrr", services)).isValid()).isTrue();

        int second = ConfigFile.SLICE + 5;
        services.set(second, service(10000 + second, -3)); // a problem in the second slice keeps its line
        LoadResult bad = reload(new ConfigFile(dir.resolve("director.conf")), file("wrr", services));
        assertThat(bad.problemLines()).singleElement().asString().contains("weight");

        services.set(second, services.get(5)); // a duplicate only the whole sees
        assertThat(reload(new ConfigFile(dir.resolve("director.conf")), file("wrr", services)).problemLines())
                .singleElement().asString().contains("duplicate");
    }

    @Test
    void aChangeOutsideTheServicesParsesTheWholeFile() {
        List<String> services = services(5);
        ConfigFile file = new ConfigFile(write(file("wrr", services)));
        file.load();
        LoadResult r = reload(file, file("lc", services));
        assertThat(r.config().orElseThrow().services().get(0).scheduler()).isEqualTo("lc");
        assertThat(file.lastWasPartial()).isFalse();
    }

    @Test
    void anInvalidServiceIsReportedWithItsLineAndTheNextValidEditIsPartialAgain() {
        List<String> services = services(5);
        ConfigFile file = new ConfigFile(write(file("wrr", services)));
        file.load();
        services.set(2, service(10002, -3));
        LoadResult bad = reload(file, file("wrr", services));
        assertThat(bad.isValid()).isFalse();
        assertThat(bad.problemLines()).allMatch(l -> l.startsWith(dir.resolve("director.conf") + ":"));

        services.set(2, service(10002, 3));
        reload(file, file("wrr", services));
        assertThat(file.lastWasPartial()).isTrue();
    }

    @Test
    void aCopiedServiceIsRefusedAsADuplicate() {
        List<String> services = services(3);
        ConfigFile file = new ConfigFile(write(file("wrr", services)));
        file.load();
        services.add(services.get(1));
        assertThat(reload(file, file("wrr", services)).isValid()).isFalse();
    }

    @Test
    void layoutsWhereAnElementMeansMoreThanItsTextAreNotCut() {
        String two = service(1, 1).strip() + " " + service(2, 1).strip() + "\n";  // one line: HOCON merges them
        List<String> notPlain = List.of(
                file("wrr", List.of(two)),
                file("wrr", services(2)).replace("  ]\n}", "  ] [" + service(3, 1) + "]\n}"),
                file("wrr", services(2)).replace("node-id = d1", "node-id = d1\n  \"services\" = []"),
                file("wrr", services(2)).replace("node-id = d1", "node-id = ${?NODE}"),
                file("wrr", services(2)) + "director.services = []\n",
                "# services below\n" + file("wrr", services(2)),
                file("wrr", services(2)).replace("services = [", "services += ["),
                file("wrr", services(2)).replace("    {\n      vip = 198.51.100.100, port = 10001", "    \"x\",\n    {\n      vip = 198.51.100.100, port = 10001"),
                file("wrr", services(2)).replace("    {\n      vip = 198.51.100.100, port = 10001", "    ,, {\n      vip = 198.51.100.100, port = 10001"),
                file("wrr", services(2)).replace("  ]\n}", "  ]\n}\n}"),
                file("wrr", services(2)).replace("real-servers = [", "real-servers = {"));
        for (String text : notPlain) {
            assertThat(ServiceBlocks.cut(text)).as(text).isEmpty();
        }
        assertThat(ServiceBlocks.cut(file("wrr", services(3))).orElseThrow().blocks()).hasSize(3);
        assertThat(ServiceBlocks.cut(file("wrr", List.of())).orElseThrow().blocks()).isEmpty();
    }

    /** Random edits, valid and not, each checked against a fresh load of the same text. */
    @Property(tries = 40)
    void everyReloadEqualsAFreshLoad(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int edits) throws IOException {
        dir = Files.createTempDirectory("config-file-test"); // jqwik knows no @TempDir
        Random random = new Random(seed);
        List<String> services = services(1 + random.nextInt(6));
        String scheduler = "wrr";
        ConfigFile file = new ConfigFile(write(file(scheduler, services)));
        file.load();
        int nextPort = 30000;
        for (int e = 0; e < edits; e++) {
            int i = services.isEmpty() ? 0 : random.nextInt(services.size());
            String text;
            switch (random.nextInt(9)) {
                case 0 -> services.add(service(nextPort++, 1 + random.nextInt(3)));
                case 1 -> { if (!services.isEmpty()) services.remove(i); }
                case 2 -> { if (!services.isEmpty()) services.set(i, service(10000 + random.nextInt(4), random.nextInt(4) - 1)); }
                case 3 -> { if (!services.isEmpty()) services.add(services.get(i)); }
                case 4 -> { if (services.size() > 1) services.add(services.remove(0)); }
                case 5 -> scheduler = random.nextBoolean() ? "wrr" : "sh";
                case 6 -> { if (!services.isEmpty()) services.set(i, services.get(i).replace("weight = ", "weight = \"")); }
                case 7 -> { if (!services.isEmpty()) services.set(i, services.get(i).replace("}\n", "} # edited\n")); }
                default -> { if (!services.isEmpty()) services.set(i, services.get(i).replace("vip = ", "vip = 2001:db8::1, ")); }
            }
            text = file(scheduler, services);
            reload(file, text);
        }
        Files.delete(file.path());
        Files.delete(dir);
    }
}
