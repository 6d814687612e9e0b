package io.director.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.hocon.ConfigLoader;
import io.director.config.hocon.LoadResult;
import io.director.config.model.DirectorConfig;
import io.director.config.model.Forwarding;
import io.director.config.model.HttpCheck;
import io.director.config.model.OnFailure;
import io.director.config.model.ScriptCheck;
import io.director.config.model.ServiceConfig;
import io.director.config.model.StatusRange;
import io.director.config.model.TcpCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeepalivedImporterTest {
    static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");

    static DirectorConfig roundTrip(ImportResult r) {
        assertThat(r.error()).isEmpty();
        LoadResult loaded = ConfigLoader.loadText(r.hocon().orElseThrow(), "imported.conf");
        assertThat(loaded.problemLines()).as("imported configuration:\n%s", r.hocon().get()).isEmpty();
        return loaded.config().orElseThrow();
    }

    @Test
    void translatesAPairWithIncludesChecksAndWarnings() {
        ImportResult r = KeepalivedImporter.importFile(Path.of("src/test/resources/keepalived/pair.conf"));
        DirectorConfig c = roundTrip(r);
        assertThat(c.nodeId()).isEqualTo("d1");
        assertThat(c.cluster().priority()).isEqualTo(150);
        assertThat(c.cluster().preempt()).isFalse();
        assertThat(c.cluster().preemptDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.cluster().heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.cluster().bind().toString()).isEqualTo("198.51.100.2:7800");
        assertThat(c.cluster().members()).extracting(Object::toString).containsExactly("198.51.100.2:7800", "198.51.100.3:7800");
        assertThat(c.vips()).extracting(Object::toString).containsExactly("198.51.100.100/24 dev eth0", "2001:db8::100/64", "198.51.100.101/32");
        assertThat(c.sync().syncId()).isEqualTo(7);
        assertThat(c.notifications().master()).contains("/etc/director/notify.sh master");
        assertThat(c.services()).hasSize(4);

        ServiceConfig web = c.services().get(0);
        assertThat(web.scheduler()).isEqualTo("wlc");
        assertThat(web.forwarding()).isEqualTo(Forwarding.DR);
        assertThat(web.persistence()).isEqualTo(Duration.ofSeconds(300));
        assertThat(web.persistenceNetmask()).isEqualTo(24);
        assertThat(web.quorum().minimum()).isEqualTo(2);
        assertThat(web.quorum().hysteresis()).isEqualTo(1);
        assertThat(web.onFailure()).isEqualTo(OnFailure.INHIBIT);
        assertThat(web.sorryServer().orElseThrow().toString()).isEqualTo("198.51.100.20:80");
        HttpCheck http = (HttpCheck) web.realServers().get(0).check().orElseThrow();
        assertThat(http.path()).isEqualTo("/health");
        assertThat(http.expect()).containsExactly(new StatusRange(200, 299));
        assertThat(http.timing().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(http.timing().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(http.timing().fall()).isEqualTo(3);
        assertThat(web.realServers().get(0).upperThreshold()).isEqualTo(1000);
        assertThat(web.realServers().get(1).check().orElseThrow()).isInstanceOf(TcpCheck.class);
        assertThat(((ScriptCheck) web.realServers().get(2).check().orElseThrow()).command())
                .isEqualTo("/usr/local/bin/check.sh 198.51.100.13");
        assertThat(c.services().get(1).id().fwmark()).isEqualTo(5);
        assertThat(((HttpCheck) c.services().get(2).realServers().get(0).check().orElseThrow()).tls()).isTrue();

        List<String> w = r.warnings();
        assertThat(w).anyMatch(s -> s.matches(".*pair\\.conf:4: global_defs notification_email has no equivalent.*"));
        assertThat(w).anyMatch(s -> s.matches(".*pair\\.conf:8: vrrp_sync_group.*"));
        assertThat(w).anyMatch(s -> s.matches(".*pair\\.conf:14: vrrp_script chk_nginx has no equivalent.*"));
        assertThat(w).anyMatch(s -> s.matches(".*pair\\.conf:20: state MASTER.*"));
        assertThat(w).anyMatch(s -> s.matches(".*pair\\.conf:31: authentication .*key-file.*"));
        assertThat(w).anyMatch(s -> s.matches(".*pair\\.conf:36: virtual address option label.*"));
        assertThat(w).anyMatch(s -> s.matches(".*pair\\.conf:39: vrrp_instance track_script.*"));
        assertThat(w).anyMatch(s -> s.matches(".*web\\.conf:9: quorum 2 is a sum of healthy weights in keepalived but a count .*"));
        assertThat(w).anyMatch(s -> s.matches(".*web\\.conf:13: virtual_server quorum_up has no equivalent.*"));
        assertThat(w).anyMatch(s -> s.matches(".*web\\.conf:22: url digest has no equivalent.*"));
        assertThat(w).anyMatch(s -> s.matches(".*web\\.conf:24: only the first url.*"));
        assertThat(w).anyMatch(s -> s.matches(".*web\\.conf:29: HTTP_GET delay_before_retry has no equivalent.*"));
        assertThat(w).anyMatch(s -> s.matches(".*web\\.conf:44: MISC_CHECK misc_dynamic has no equivalent.*"));
        assertThat(w).allMatch(s -> s.matches("\\S+:\\d+: .*"));

        // out-of-range values are dropped with a warning, so the result stays valid
        ServiceConfig odd = c.services().get(3);
        assertThat(odd.sorryServer()).isEmpty();
        assertThat(odd.realServers()).hasSize(1);
        assertThat(odd.realServers().get(0).weight()).isEqualTo(1);
        HttpCheck oddCheck = (HttpCheck) odd.realServers().get(0).check().orElseThrow();
        assertThat(oddCheck.path()).isEqualTo("/health");
        assertThat(oddCheck.expect()).containsExactly(StatusRange.of(200));
        assertThat(oddCheck.bodyRegex()).isEmpty();
        assertThat(oddCheck.port()).isEmpty();
        assertThat(w).anyMatch(s -> s.matches(".*web\\.conf:71: sorry_server .* not understood; ignored"))
                .anyMatch(s -> s.matches(".*web\\.conf:72: persistence_granularity ignored: netmask 255.0.255.0 is not contiguous"))
                .anyMatch(s -> s.matches(".*web\\.conf:74: weight 70000 is out of range 0..65535; ignored"))
                .anyMatch(s -> s.matches(".*web\\.conf:73: lthreshold 10 is above uthreshold 5; lthreshold ignored"))
                .anyMatch(s -> s.matches(".*web\\.conf:80: status_code 99 is not a status.*"))
                .anyMatch(s -> s.matches(".*web\\.conf:80: status_code 600-100 is not a status.*"))
                .anyMatch(s -> s.matches(".*web\\.conf:81: regex \\(unclosed is not a valid regular expression; ignored"))
                .anyMatch(s -> s.matches(".*web\\.conf:83: connect_port 99999 is out of range 1..65535; ignored"))
                .anyMatch(s -> s.matches(".*web\\.conf:70: virtual_server address 198.51.100.101 is not a virtual_ipaddress .*added to vips.*"))
                .anyMatch(s -> s.matches(".*web\\.conf:86: real_server 2001:db8::12 is not in the virtual server's address family; skipped"));
    }

    @Test
    void aMissingFileIsAnError() {
        ImportResult r = KeepalivedImporter.importFile(Path.of("no/such/keepalived.conf"));
        assertThat(r.hocon()).isEmpty();
        assertThat(r.error()).contains("no/such/keepalived.conf: no such file");
    }

    @Test
    void includeLoopsEndWithAWarning(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.conf"), "include b.conf\nvrrp_instance V { interface eth0\n virtual_ipaddress { 198.51.100.100 } }\n");
        Files.writeString(dir.resolve("b.conf"), "include a.conf\n");
        ImportResult r = KeepalivedImporter.importFile(dir.resolve("a.conf"));
        roundTrip(r);
        assertThat(r.warnings()).anyMatch(s -> s.contains("include loop"));
    }

    @Test
    void unbalancedBracesAndGarbageAreWarningsNotCrashes() {
        ImportResult r = KeepalivedImporter.importText("}\nvrrp_instance V {\n interface eth0\n virtual_ipaddress {\n 198.51.100.100\n bogus\n"
                + "virtual_server 198.51.100.100 notaport {\n", "broken.conf");
        roundTrip(r);
        assertThat(r.warnings()).anyMatch(s -> s.startsWith("broken.conf:1: unmatched '}'"))
                .anyMatch(s -> s.startsWith("broken.conf:6: virtual address bogus skipped"))
                .anyMatch(s -> s.startsWith("broken.conf:2: block vrrp_instance is not closed"));
    }

    @Test
    void aSyncDaemonWithoutAUsableInterfaceIsAWarning() {
        // found by KeepalivedFuzzTest: "lvs_sync_daemon{ eth0 VI_1 id 7" became `sync { interface = "" }`
        String instance = "vrrp_instance V {\n interface eth0\n virtual_ipaddress { 198.51.100.100 }\n";
        for (String text : List.of("global_defs {\nlvs_sync_daemon{ eth0 VI_1 id 7\n}\n}\n" + instance + "}\n",
                "global_defs {\nlvs_sync_daemon eth0:1 VI_1\n}\n" + instance + "}\n",
                "\n" + instance.replace("interface eth0\n", "interface eth0\nlvs_sync_daemon_interface\n") + "}\n")) {
            String line = text.lines().filter(l -> l.contains("lvs_sync")).findFirst().orElseThrow();
            ImportResult r = KeepalivedImporter.importText(text, "sync.conf");
            DirectorConfig c = roundTrip(r);
            assertThat(r.warnings()).as(line + ": " + r.warnings()).anyMatch(s -> s.contains("interface name") && s.contains("not usable"));
            assertThat(r.hocon().orElseThrow()).as(line).doesNotContain("interface = \"\"");
            assertThat(c.vips()).isNotEmpty();
        }
    }

    @Test
    void aFwmarkServiceKeepsTheAddressFamilyOfItsFirstRealServer() {
        // found by KeepalivedFuzzTest: a fwmark service with IPv4 and IPv6 real servers was refused on loading
        ImportResult r = KeepalivedImporter.importText("vrrp_instance V {\n interface eth0\n virtual_ipaddress { 198.51.100.100 }\n}\n"
                + "virtual_server fwmark 5 {\n lb_kind DR\n real_server 198.51.100.11 0 { weight 1 }\n"
                + " real_server 2001:db8::11 443 { weight 1 }\n}\n", "mixed.conf");
        DirectorConfig c = roundTrip(r);
        assertThat(c.services()).singleElement().satisfies(s -> assertThat(s.realServers())
                .extracting(rs -> rs.address().getHostAddress()).containsExactly("198.51.100.11"));
        assertThat(r.warnings()).anyMatch(s -> s.startsWith("mixed.conf:8: real_server 2001:db8::11 is not in the virtual server's address family"));
    }

    static Stream<Path> installedSamples() throws IOException {
        if (!Files.isDirectory(SAMPLES)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.getFileName().toString().startsWith("keepalived.conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("installedSamples")
    void everyInstalledDebianSampleImportsToAValidConfiguration(Path sample) {
        ImportResult r = KeepalivedImporter.importFile(sample);
        roundTrip(r);
        assertThat(r.warnings()).allMatch(s -> s.matches("\\S+(:\\d+)?: .*"));
    }

    @Test
    void debianSamplesArePresentOnThisMachine() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES), "keepalived's samples are not installed (apt install keepalived)");
        assertThat(installedSamples()).hasSizeGreaterThan(10);
    }

    @Test
    void theDebianVirtualServerGroupSampleExpandsIntoOneServicePerEntry() {
        Path sample = SAMPLES.resolve("keepalived.conf.virtual_server_group");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "keepalived's samples are not installed");
        ImportResult r = KeepalivedImporter.importFile(sample);
        DirectorConfig c = roundTrip(r);
        // 10.0.0.1:8080, 10.0.0.2:80, 192.168.200.1:1358, 192.168.200.3-10:80 (8), fwmark 1, fwmark 2
        assertThat(c.services()).hasSize(13);
        assertThat(c.services().stream().filter(s -> s.id().isFwmark())).hasSize(2);
        assertThat(c.services()).allSatisfy(s -> assertThat(s.realServers()).hasSize(2));
        assertThat(r.warnings()).anyMatch(w -> w.contains("virtual_server group VSG_1 expanded"));
    }
}
