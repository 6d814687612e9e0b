package io.director.lab;

import io.director.lab.docs.DocCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs documented commands in the lab as an operator types them: {@code director} on PATH (the
 * checkout's {@code bin/director}), and each document's own "machine" for files: {@code /etc/director}
 * and {@code /etc/keepalived} stand for a scratch folder per document, and commands start in that
 * folder's {@code work}. The guest shares the build host's root filesystem, so a command that would
 * still touch the host's /etc after that rewrite is refused, never run. Records which commands ran.
 */
final class DocShell {
    private static final Pattern ETC = Pattern.compile("(?<![\\w.-])/etc/(director|keepalived)\\b");
    private static final Pattern ANY_ETC = Pattern.compile("(?<![\\w.-])/etc\\b");

    private final Lab lab;
    private final Path base;
    private final Path bin;
    private final Set<String> ran = Collections.synchronizedSet(new TreeSet<>());

    DocShell(Lab lab) {
        this.lab = lab;
        this.base = lab.out().resolve("docs");
        this.bin = base.resolve("bin");
        try {
            Files.createDirectories(bin);
            Path director = bin.resolve("director");
            Files.writeString(director, "#!/bin/sh\nexec '" + lab.root().resolve("bin/director") + "' \"$@\"\n");
            director.toFile().setExecutable(true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scratch folder of {@code file}'s machine (created with etc/director, etc/keepalived, work). */
    Path machine(String file) {
        String name = Path.of(file).getFileName().toString().replaceFirst("\\.md$", "");
        Path dir = base.resolve(name);
        try {
            Files.createDirectories(dir.resolve("etc/director"));
            Files.createDirectories(dir.resolve("etc/keepalived"));
            Files.createDirectories(dir.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Where {@code /etc/PATH} of {@code file}'s machine is, e.g. etc(file, "director/director.conf"). */
    Path etc(String file, String path) {
        return machine(file).resolve("etc").resolve(path);
    }

    /** {@code text} with {@code /etc/director} and {@code /etc/keepalived} in {@code file}'s machine. */
    String rewrite(String file, String text) {
        String etc = machine(file).resolve("etc").toString();
        String s = ETC.matcher(text).replaceAll(m -> Matcher.quoteReplacement(etc + "/" + m.group(1)));
        if (ANY_ETC.matcher(s).find()) {
            throw new AssertionError(file + ": refusing to run a command that names the build host's /etc"
                    + " (the guest shares its files): " + text);
        }
        return s;
    }

    private String unrewrite(String file, String output) {
        return output.replace(machine(file).resolve("etc") + "/", "/etc/");
    }

    /** The shell script that runs {@code command} (after {@code prelude}, e.g. earlier assignments of its block). */
    private String script(DocCommand command, String prelude) {
        return "PATH='" + bin + "':$PATH; EDITOR=true; export PATH EDITOR\n"
                + "cd '" + machine(command.file()).resolve("work") + "' || exit 125\n"
                + prelude + rewrite(command.file(), command.text()) + "\n";
    }

    /** Runs {@code command} in {@code host} ("-": the guest's root namespace) and waits for it. */
    DocResult run(String host, DocCommand command) {
        return run(host, command, "");
    }

    DocResult run(String host, DocCommand command, String prelude) {
        Duration timeout = Duration.ofSeconds(300);
        String script = script(command, prelude);
        long started = System.nanoTime();
        Exec exec = host.equals("-") ? lab.guest(timeout, script) : lab.host(host).run(timeout, script);
        ran.add(command.where());
        System.out.printf("docs: %s [%s] exit %d in %.1f s: %s%n", command.where(), host, exec.exitCode(),
                (System.nanoTime() - started) / 1e9, command.firstLine());
        return new DocResult(command, host, exec.exitCode(), unrewrite(command.file(), exec.stdout()),
                unrewrite(command.file(), exec.stderr()));
    }

    /** Starts {@code command} (one that runs until stopped, like tcpdump) in {@code host}. */
    Spawned spawn(String host, DocCommand command) {
        Spawned s = lab.host(host).spawn(script(command, ""));
        ran.add(command.where());
        return s;
    }

    /** Records that {@code command} ran by other means (the demo's scenario, the lab launcher on the host). */
    void ranElsewhere(DocCommand command) {
        ran.add(command.where());
    }

    boolean ran(DocCommand command) {
        return ran.contains(command.where());
    }

    /** What a documented command did: exit status and output, with the scratch paths shown as /etc again. */
    record DocResult(DocCommand command, String host, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return command.where() + " [" + host + "] " + command.text() + "\n-> exit " + exitCode
                    + (stdout.isEmpty() ? "" : "\n--- stdout ---\n" + stdout)
                    + (stderr.isEmpty() ? "" : "\n--- stderr ---\n" + stderr);
        }
    }
}
