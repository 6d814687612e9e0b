package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    @TempDir Path dir;

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void validFileExitsZeroWithOneOkLine() throws Exception {
        Path f = dir.resolve("ok.conf");
        Files.writeString(f, """
                director {
                  node-id = d1
                  cluster.bind = "198.51.100.2:7800"
                  vips = ["198.51.100.100/24"]
                  services = [ { vip = 198.51.100.100, port = 80, real-servers = [ { address = 198.51.100.11 } ] } ]
                }
                """);
        Run r = run("check", "-c", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString().contains(": OK").contains("1 services");
    }

    @Test
    void aKeyFileThatRunCannotUseIsAWarningNotAnError() throws Exception {
        Path key = dir.resolve("cluster.key");
        Path f = dir.resolve("keyed.conf");
        Files.writeString(f, """
                director {
                  node-id = d1
                  cluster { bind = "198.51.100.2:7800", key-file = "%s" }
                  vips = ["198.51.100.100/24"]
                  services = [ { vip = 198.51.100.100, port = 80, real-servers = [ { address = 198.51.100.11 } ] } ]
                }
                """.formatted(key));

        Run missing = run("check", "-c", f.toString());
        assertThat(missing.exit()).isZero();
        assertThat(missing.err()).isEqualTo("warning: " + f + ": cluster.key-file " + key
                + ": no such file; director run will not start without it\n");

        Files.writeString(key, "short\n");
        assertThat(run("check", "-c", f.toString()).err()).contains("cluster key too short (5 bytes, at least 16 needed)");

        Files.writeString(key, "a-long-enough-shared-secret\n");
        Run good = run("check", "-c", f.toString());
        assertThat(good.exit()).isZero();
        assertThat(good.err()).isEmpty();
    }

    @Test
    void invalidFileExitsOneWithOneLinePerProblem() throws Exception {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, """
                director {
                  node-id = d1
                  cluster.bind = "198.51.100.2:7800"
                  vips = ["198.51.100.100/24"]
                  services = [ { vip = 198.51.100.100, port = 99999, forwarding = drr,
                                 real-servers = [ { address = 198.51.100.11 } ] } ]
                }
                """);
        Run r = run("check", "-c", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().toList()).hasSize(2)
                .allMatch(l -> l.startsWith(f + ":5: services[0]."))
                .anyMatch(l -> l.contains("port 99999"))
                .anyMatch(l -> l.contains("unknown forwarding \"drr\"") && l.contains("dr, nat, tun"));
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingFileIsAClearError() {
        Run r = run("check", "-c", dir.resolve("nope.conf").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().strip()).isEqualTo(dir.resolve("nope.conf") + ":1: no such file");
    }
}
