package io.director.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.director.daemon.admin.AdminCommands;
import io.director.daemon.admin.AdminResponse;
import io.director.daemon.admin.AdminServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code director status} run as uid 65534 (setpriv) against a root daemon's socket.
 * The classpath is copied where that user can read it (the build's own files may sit under /root).
 */
class NonRootRefusalTest {
    @TempDir Path tmp;

    @Test
    void anotherUserIsRefusedClearly() throws Exception {
        assumeTrue(AdminCommandsCliTest.isRoot(), "needs root to start the daemon side and switch users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        String classpath = readableClasspath(tmp.resolve("cp"));
        Path socket = tmp.resolve("run/d1.sock");
        AtomicInteger handled = new AtomicInteger();
        try (AdminServer server = new AdminServer(socket, new AdminCommands().on("status", (r, p) -> {
            handled.incrementAndGet();
            return AdminResponse.ok("role master\n");
        }))) {
            server.start();
            // The kernel refuses the connection (mode 0600); the client explains.
            assertThat(statusAsNobody(classpath, socket)).isEqualTo("director status: permission denied: the admin"
                    + " socket is for root (uid 0); you are uid 65534 (" + socket + ")\n");
            // With the mode opened up by mistake, the daemon's own peer check (SO_PEERCRED) still refuses.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            assertThat(statusAsNobody(classpath, socket))
                    .isEqualTo("permission denied: the admin socket is for root (uid 0); you are uid 65534\n");
            assertThat(handled).hasValue(0);
        }
    }

    /** Runs {@code director status} as uid 65534, expects exit 1, and returns its stderr. */
    private static String statusAsNobody(String classpath, Path socket) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-XX:TieredStopAtLevel=1", "-cp", classpath, "io.director.cli.Main", "status", "--socket", socket.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        return err;
    }

    /** Copies the test classpath into {@code dir}, world-readable, and returns it as a classpath. */
    private static String readableClasspath(Path dir) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String e : cp.split(File.pathSeparator)) {
            Path from = Path.of(e);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve((i++) + "-" + from.getFileName());
            copy(from, to);
            entries.add(to.toString());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copy(Path from, Path to) throws Exception {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
