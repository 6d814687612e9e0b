package io.director.config.hocon;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed and hostile files, most generated here: each must be refused with FILE:LINE
 * reasons, never an exception. The timeout only guards against a hang; it measures nothing.
 */
class HostileInputTest {
    @TempDir Path dir;

    static final String VALID = """
            director {
              node-id = d1
              cluster { bind = "198.51.100.2:7800", members = ["198.51.100.2:7800", "198.51.100.3:7800"], priority = 150 }
              vips = ["198.51.100.100/24"]
              sync { interface = eth0, sync-id = 1 }
              services = [
                { vip = 198.51.100.100, port = 80, scheduler = wrr, quorum = 1, sorry-server = "198.51.100.20:80"
                  check { type = http, path = "/health", expect = [200], interval = 1s, timeout = 500ms }
                  real-servers = [ { address = 198.51.100.11, weight = 1 }, { address = 198.51.100.12, port = 80, weight = 2 } ] }
              ]
            }
            """;

    record Sample(String name, byte[] data) {}

    static void assertRefusedCleanly(String what, LoadResult r) {
        assertThat(r.isValid()).as(what + " should be refused").isFalse();
        assertThat(r.problemLines()).as(what).isNotEmpty().allSatisfy(l -> {
            assertThat(l).matches("(?s)[^\\n]+:\\d+: [^\\n]+");
            assertThat(l).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
            assertThat(l.length()).isLessThan(600);
        });
    }

    List<Sample> corpus() {
        List<Sample> out = new ArrayList<>();
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        int last = VALID.lastIndexOf('}');
        for (int cut = 0; cut < last; cut += Math.max(1, last / 60)) {
            out.add(new Sample("truncated-at-" + cut + ".conf", VALID.substring(0, cut).getBytes(StandardCharsets.UTF_8)));
        }
        ConfigObject reference = (ConfigObject) ConfigLoader.reference().root().get("director");
        for (Map.Entry<String, String> leaf : leaves(reference, "director").entrySet()) {
            String wrong = leaf.getValue().equals("LIST") ? "{ x = 1 }" : "[1, 2]";
            out.add(new Sample("wrong-type-" + leaf.getKey() + ".conf", withSetting(leaf.getKey(), wrong)));
            if (leaf.getValue().equals("NUMBER")) {
                out.add(new Sample("huge-" + leaf.getKey() + ".conf", withSetting(leaf.getKey(), "123456789012345678901234567890")));
                out.add(new Sample("negative-" + leaf.getKey() + ".conf", withSetting(leaf.getKey(), "-2147483649")));
            }
            if (leaf.getValue().equals("STRING") && leaf.getKey().matches(".*(interval|timeout|delay|spacing|persistence|preempt-delay)")) {
                out.add(new Sample("bad-duration-" + leaf.getKey() + ".conf", withSetting(leaf.getKey(), "\"3 fortnights\"")));
            }
        }
        for (String open : List.of("{", "[", "a {", "x = [")) {
            String deep = "director { node-id = d1, x = " + open.repeat(5000);
            out.add(new Sample("deep-" + open.replace(' ', '_') + ".conf", deep.getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new Sample("deep-balanced.conf", ("director { x = " + "[".repeat(3000) + "]".repeat(3000) + " }").getBytes(StandardCharsets.UTF_8)));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            out.add(new Sample("garbage-" + i + ".conf", garbage));
        }
        out.add(new Sample("empty.conf", new byte[0]));
        out.add(new Sample("only-comment.conf", "# nothing\n".getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("latin1.conf", "director { node-id = \"caf\u00e9\" }".getBytes(StandardCharsets.ISO_8859_1)));
        out.add(new Sample("json-array.conf", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("director-is-a-string.conf", "director = hello".getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("self-substitution.conf", "director { node-id = ${director.node-id} }".getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("substitution-cycle.conf", "a = ${b}\nb = ${a}\ndirector { node-id = ${a} }".getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("long-key.conf", ("director { " + "k".repeat(100_000) + " = 1 }").getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("many-services.conf", withSetting("director.services",
                "[" + "{ vip = 198.51.100.100, port = 80, real-servers = [] }, ".repeat(2000) + "]")));
        out.add(new Sample("null-byte.conf", (VALID + "\0").getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** Every non-object key of reference.conf with its type, for type-confusion files. */
    static Map<String, String> leaves(ConfigObject o, String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
            String path = prefix + "." + e.getKey();
            if (e.getValue().valueType() == ConfigValueType.OBJECT) {
                out.putAll(leaves((ConfigObject) e.getValue(), path));
            } else {
                out.put(path, e.getValue().valueType() == ConfigValueType.NULL ? "STRING" : e.getValue().valueType().name());
            }
        }
        return out;
    }

    static byte[] withSetting(String path, String value) {
        return (VALID + "\n" + path + " = " + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theValidBaseIsValid() {
        assertThat(ConfigLoader.loadText(VALID, "valid.conf").problemLines()).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyFileOfTheCorpusIsRefusedWithAClearError() throws IOException {
        List<Sample> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        for (Sample s : corpus) {
            Path f = dir.resolve(s.name().length() > 120 ? s.name().substring(0, 120) : s.name());
            Files.write(f, s.data());
            assertRefusedCleanly(s.name(), ConfigLoader.load(f));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTenMegabyteFileIsRefusedBeforeParsing() throws IOException {
        Path f = dir.resolve("huge.conf");
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) '#');
        Files.write(f, big);
        LoadResult r = ConfigLoader.load(f);
        assertRefusedCleanly("10 MB", r);
        assertThat(r.problemLines()).containsExactly(f + ":1: file is larger than 8 MiB");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHugeIncludedFileIsRefusedBeforeParsing() throws IOException {
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) '#');
        Files.write(dir.resolve("big.conf"), big);
        Files.writeString(dir.resolve("main.conf"), VALID + "include \"big.conf\"\n");
        LoadResult r = ConfigLoader.load(dir.resolve("main.conf"));
        assertRefusedCleanly("huge include", r);
        assertThat(r.problemLines()).singleElement().asString().contains("included file is larger than 8 MiB");
        Files.writeString(dir.resolve("main2.conf"), VALID + "include file(\"" + dir.resolve("big.conf") + "\")\n");
        assertThat(ConfigLoader.load(dir.resolve("main2.conf")).problemLines()).singleElement().asString()
                .contains("included file is larger than 8 MiB");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void includeLoopsAreRefused() throws IOException {
        Files.writeString(dir.resolve("self.conf"), "include \"self.conf\"\n" + VALID);
        assertRefusedCleanly("self include", ConfigLoader.load(dir.resolve("self.conf")));
        Files.writeString(dir.resolve("a.conf"), "include \"b.conf\"\n" + VALID);
        Files.writeString(dir.resolve("b.conf"), "include \"a.conf\"\n");
        assertRefusedCleanly("include loop", ConfigLoader.load(dir.resolve("a.conf")));
        Files.writeString(dir.resolve("missing.conf"), "include required(file(\"does-not-exist.conf\"))\n" + VALID);
        assertRefusedCleanly("missing required include", ConfigLoader.load(dir.resolve("missing.conf")));
        // HOCON's own rule: a plain include of a missing file is silently empty
        Files.writeString(dir.resolve("optional.conf"), "include file(\"does-not-exist.conf\")\n" + VALID);
        assertThat(ConfigLoader.load(dir.resolve("optional.conf")).problemLines()).isEmpty();
    }

    @Test
    void aDirectoryOrMissingFileIsAClearError() {
        assertThat(ConfigLoader.load(dir).problemLines()).containsExactly(dir + ":1: not a regular file");
        assertThat(ConfigLoader.load(dir.resolve("x.conf")).problemLines()).containsExactly(dir.resolve("x.conf") + ":1: no such file");
    }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", "=", ",", "\"", "${x}", "-1", "0", "99999999999", "null",
                "true", "\n", "#", "1.5", "0s", "::", "/33", "include \"x\"", "port", "weight");
        return net.jqwik.api.Combinators.combine(position, position, token, Arbitraries.integers().between(0, 3))
                .as((at, to, t, kind) -> switch (kind) {
                    case 0 -> VALID.substring(0, at) + VALID.substring(Math.min(VALID.length(), at + 1 + to % 20));
                    case 1 -> VALID.substring(0, at) + t + VALID.substring(at);
                    case 2 -> VALID.substring(0, at) + t + VALID.substring(Math.min(VALID.length(), at + 1 + to % 5));
                    default -> VALID.substring(0, Math.min(at, to)) + VALID.substring(Math.max(at, to)) + VALID.substring(Math.min(at, to), Math.max(at, to));
                });
    }

    @Property(tries = 400)
    void mutatedFilesAreEitherValidOrRefusedCleanly(@ForAll("mutants") String text) {
        LoadResult r = ConfigLoader.loadText(text, "mutant.conf");
        if (!r.isValid()) {
            assertRefusedCleanly("mutant", r);
        }
    }
}
