package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.net.IpLiteral;
import io.director.net.NetException;
import io.director.net.RecordingAddresses;
import io.director.net.realserver.ProcSysctls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RealServerCommandTest {
    @TempDir Path procSys;
    private RecordingAddresses kernel;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void freshHost() throws IOException {
        kernel = new RecordingAddresses().withInterface("lo").withInterface("eth0");
        for (String dev : new String[] {"all", "lo", "eth0"}) {
            sysctl("net/ipv4/conf/" + dev + "/arp_ignore", "0");
            sysctl("net/ipv4/conf/" + dev + "/arp_announce", "0");
            sysctl("net/ipv4/conf/" + dev + "/rp_filter", "0");
        }
        sysctl("net/ipv6/conf/lo/disable_ipv6", "0");
    }

    private void sysctl(String path, String value) throws IOException {
        Path file = procSys.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
    }

    private String read(String path) throws IOException {
        return Files.readString(procSys.resolve(path)).trim();
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new RealServerCommand(() -> kernel, new ProcSysctls(procSys)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void upPreparesTheHostThenIsIdempotentAndCheckPasses() throws IOException {
        assertThat(run("check", "--vip", "198.51.100.100", "--vip", "2001:db8::100")).isEqualTo(1);
        assertThat(out.toString()).contains("missing: VIP 198.51.100.100/32 is not on lo",
                "missing: net.ipv4.conf.all.arp_ignore is 0, needs 1");

        out.getBuffer().setLength(0);
        assertThat(run("up", "--vip", "198.51.100.100", "--vip", "2001:db8::100")).isZero();
        assertThat(kernel.changes()).containsExactly("add lo 198.51.100.100/32", "add lo 2001:db8::100/128");
        assertThat(read("net/ipv4/conf/all/arp_ignore")).isEqualTo("1");
        assertThat(read("net/ipv4/conf/lo/arp_ignore")).isEqualTo("1");
        assertThat(read("net/ipv4/conf/all/arp_announce")).isEqualTo("2");
        assertThat(read("net/ipv4/conf/lo/arp_announce")).isEqualTo("2");
        assertThat(read("net/ipv4/conf/eth0/arp_ignore")).isEqualTo("0");
        assertThat(out.toString()).contains("added 198.51.100.100/32 on lo", "set net.ipv4.conf.all.arp_ignore = 1 (was 0)");

        out.getBuffer().setLength(0);
        assertThat(run("up", "--vip", "198.51.100.100/32", "--vip", "2001:db8::100")).isZero();
        assertThat(out.toString()).isEqualTo("nothing to do" + System.lineSeparator());
        assertThat(kernel.changes()).hasSize(2);

        out.getBuffer().setLength(0);
        assertThat(run("check", "--vip", "198.51.100.100", "--vip", "2001:db8::100")).isZero();
        assertThat(out.toString()).startsWith("ok: ready to serve 198.51.100.100");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void downRemovesTheVipsAndLeavesSysctls() throws IOException {
        run("up", "--vip", "198.51.100.100");
        out.getBuffer().setLength(0);

        assertThat(run("down", "--vip", "198.51.100.100")).isZero();
        assertThat(kernel.current("lo")).isEmpty();
        assertThat(read("net/ipv4/conf/all/arp_ignore")).isEqualTo("1");
        assertThat(out.toString()).contains("removed 198.51.100.100/32 from lo", "ARP sysctls left as they are");

        out.getBuffer().setLength(0);
        assertThat(run("down", "--vip", "198.51.100.100")).isZero();
        assertThat(out.toString()).startsWith("nothing to do");
    }

    @Test
    void badVipsAreUsageErrorsWithoutTouchingAnything() {
        assertThat(run("up", "--vip", "www.example.org")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("director realserver: not an IP address: www.example.org" + System.lineSeparator());
        assertThat(run("up", "--vip", "198.51.100.100/24")).isEqualTo(2);
        assertThat(err.toString()).contains("host address (/32)");
        assertThat(run("up")).isEqualTo(2);
        assertThat(kernel.calls()).isEmpty();
    }

    @Test
    void aFailedStepIsReportedAndTheRestStillRun() throws IOException {
        kernel.failNext("add", NetException.fromErrno("add 198.51.100.100/32 on lo", "EPERM", "Operation not permitted"));

        assertThat(run("up", "--vip", "198.51.100.100", "--vip", "198.51.100.101")).isEqualTo(1);
        assertThat(err.toString()).contains("failed: add 198.51.100.100/32 on lo: EPERM (Operation not permitted); this needs root or CAP_NET_ADMIN");
        assertThat(kernel.current("lo")).extracting(a -> a.address()).containsExactly(IpLiteral.parse("198.51.100.101"));
        assertThat(read("net/ipv4/conf/all/arp_ignore")).isEqualTo("1");
    }

    @Test
    void unreadableStateIsOneLineAndExitOne() {
        kernel.failNext("list", NetException.fromErrno("list addresses of lo", "EPERM", "Operation not permitted"));

        assertThat(run("check", "--vip", "198.51.100.100")).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("director realserver: list addresses of lo: EPERM");
    }

    @Test
    void rpFilterWithTunnelIsReportedAndFixedByUp() throws IOException {
        sysctl("net/ipv4/conf/tunl0/rp_filter", "1");
        run("up", "--vip", "198.51.100.100");
        assertThat(read("net/ipv4/conf/tunl0/rp_filter")).isEqualTo("0");
        out.getBuffer().setLength(0);
        assertThat(run("check", "--vip", "198.51.100.100")).isZero();
    }
}
