package io.director.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as dpkg sees it. Runs in the {@code deb} profile after {@code package}
 * ({@code mvn -Pdeb -DskipTests -pl director -am verify}); skips elsewhere.
 */
class DebPackageIT {
    static Path deb;

    @BeforeAll
    static void findPackage() throws IOException {
        String dir = System.getProperty("deb.dir");
        assumeTrue(dir != null, "run with -Pdeb (the package is built in that profile)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb");
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            deb = s.filter(p -> p.getFileName().toString().matches("director_.*_all\\.deb")).findFirst().orElseThrow();
        }
    }

    @Test
    void installsTheJarLauncherUnitsAndExamples() throws Exception {
        List<String> rows = run("dpkg-deb", "-c", deb.toString()).lines().toList();
        List<String> files = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            String path = f[f.length - 1];
            if (!path.endsWith("/")) {
                files.add(f[0] + " " + f[1] + " " + path);
            }
        }
        assertThat(files).containsExactlyInAnyOrder(
                "-rw-r--r-- root/root ./usr/share/director/director-all.jar",
                "-rwxr-xr-x root/root ./usr/bin/director",
                "-rw-r--r-- root/root ./lib/systemd/system/director.service",
                "-rw-r--r-- root/root ./lib/systemd/system/director-realserver.service",
                "-rw-r--r-- root/root ./usr/lib/modules-load.d/director.conf",
                "-rw-r--r-- root/root ./etc/director/director.conf.example",
                "-rw-r--r-- root/root ./etc/default/director",
                "-rw-r--r-- root/root ./etc/default/director-realserver",
                "-rw-r--r-- root/root ./usr/share/doc/director/operations.md");
    }

    @Test
    void controlFieldsAndConffiles() throws Exception {
        assertThat(run("dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends"))
                .isEqualTo("Package: director\nArchitecture: all\nDepends: java17-runtime-headless | openjdk-17-jre-headless\n");
        assertThat(run("dpkg-deb", "-I", deb.toString(), "conffiles").lines().sorted().toList())
                .containsExactly("/etc/default/director", "/etc/default/director-realserver", "/etc/director/director.conf.example");
    }

    @Test
    void thePackagedJarValidatesThePackagedExample(@TempDir Path root) throws Exception {
        run("dpkg-deb", "-x", deb.toString(), root.toString());
        String java = ProcessHandle.current().info().command().orElse("java");
        String out = run(java, "-jar", root.resolve("usr/share/director/director-all.jar").toString(),
                "check", "-c", root.resolve("etc/director/director.conf.example").toString());
        assertThat(out).contains(": OK (node d1");
    }

    /** Runs a command, expects exit 0, and returns its standard output. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}
