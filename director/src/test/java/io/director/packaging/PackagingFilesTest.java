package io.director.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.hocon.ConfigLoader;
import io.director.config.hocon.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files under packaging/ hold what the docs promise (the .deb itself is checked by DebPackageIT). */
class PackagingFilesTest {
    static final Path PACKAGING = Path.of("..", "packaging");

    @Test
    void theExampleConfigurationIsValid() {
        LoadResult r = ConfigLoader.load(PACKAGING.resolve("etc/director.conf.example"));
        assertThat(r.problemLines()).isEmpty();
        assertThat(r.isValid()).isTrue();
    }

    @Test
    void theDaemonUnitRestartsReloadsAndKeepsThreeCapabilities() throws Exception {
        List<String> unit = Files.readAllLines(PACKAGING.resolve("systemd/director.service"));
        assertThat(unit).contains(
                "ExecStart=/usr/bin/director run -c /etc/director/director.conf",
                "ExecReload=/bin/kill -HUP $MAINPID",
                "Restart=on-failure",
                "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_RAW CAP_SYS_NICE",
                "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW CAP_SYS_NICE",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_PACKET");
        assertThat(unit).noneMatch(l -> l.startsWith("ProtectKernelTunables=") || l.startsWith("PrivateNetwork=")
                || l.startsWith("MemoryDenyWriteExecute="));
    }
}
