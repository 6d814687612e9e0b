package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportKeepalivedCommandTest {
    @TempDir Path dir;

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void printsHoconOnStdoutAndWarningsOnStderrAndTheResultPassesCheck() throws Exception {
        Path ka = dir.resolve("keepalived.conf");
        Files.writeString(ka, """
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    priority 150
                    unicast_src_ip 198.51.100.2
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                }
                virtual_server 198.51.100.100 80 {
                    lb_algo wrr
                    lb_kind DR
                    real_server 198.51.100.11 80 {
                        weight 1
                        TCP_CHECK { connect_timeout 2 }
                    }
                }
                """);
        Run imported = run("import-keepalived", ka.toString());
        assertThat(imported.exit()).isZero();
        assertThat(imported.out()).startsWith("# Imported from keepalived.conf").contains("director {");
        assertThat(imported.err().lines()).contains("warning: " + ka + ":2: state MASTER has no equivalent: the election follows priority; ignored");
        Path conf = dir.resolve("director.conf");
        Files.writeString(conf, imported.out());
        Run checked = run("check", "-c", conf.toString());
        assertThat(checked.out()).contains(": OK");
        assertThat(checked.exit()).isZero();
    }

    @Test
    void anUnreadableFileExitsOne() {
        Run r = run("import-keepalived", dir.resolve("none.conf").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("error: " + dir.resolve("none.conf") + ": no such file");
    }
}
