package io.director.lab.docs;

import java.util.List;
import java.util.Optional;

/**
 * The table of where each documented command runs (first matching rule wins), with the commands that
 * cannot run in the lab and why. A command no rule matches is an error: new documentation cannot add
 * a command no test runs.
 */
public final class CommandPlaces {
    public static final List<CommandRule> RULES = List.of(
            CommandRule.run("bin/demo\\b", Place.DEMO),
            CommandRule.notRun("ci", "bin/test\\b",
                    "the CI command itself: .ci/run execs bin/test, so every CI run runs it (and this test within it)",
                    "sh -n bin/test; .ci/run execs bin/test"),
            CommandRule.notRun("bench", "lab/bin/lab run (--real-servers \\d+ )?bench/",
                    "a benchmark: minutes of CPU at its documented sizes; its figures are taken by hand into docs/benchmarks.md",
                    "sh -n of the benchmark script"),
            CommandRule.notRun("bench", "bench/(healthcheck/(run|side-by-side)|failover/(run|soak|idle))\\.sh\\b",
                    "a benchmark: minutes of CPU at its documented sizes; its figures are taken by hand into docs/benchmarks.md",
                    "sh -n of the benchmark script"),
            CommandRule.notRun("bench-build", "mvn .*-pl bench/",
                    "builds a benchmark's jar; CI (bin/test: mvn -B verify) builds every bench module",
                    "the benchmark modules are in the root pom's reactor"),
            CommandRule.run("lab/bin/lab (run|shell)\\b", Place.HOST),
            CommandRule.run("sh bench/ipvs/gen\\.sh\\b", Place.HOST),
            CommandRule.notRun("systemd", "systemctl\\b",
                    "drives systemd units: the lab has no systemd, and a test must never install or start units on the build host",
                    "systemd-analyze verify of packaging/systemd/*.service; the daemon runs as ExecStart runs it"
                            + " (director run -c FILE); SIGHUP (ExecReload) reloads it; SIGTERM (stop) hands over"),
            CommandRule.notRun("journal", "journalctl\\b",
                    "reads systemd's journal, which the lab does not have",
                    "the daemon's stderr (what journald stores) carries the logfmt event= lines"),
            CommandRule.notRun("deb", "apt install\\b",
                    "installs the package into the build host's /usr, /etc and dpkg database",
                    "DebPackageIT (mvn -Pdeb -DskipTests -pl director -am verify) checks the package with dpkg-deb"),
            CommandRule.notRun("modprobe", "modprobe\\b",
                    "loads a module into the running kernel: the build host's kernel has no IPVS, the guest loads its modules at boot",
                    "packaging/modules-load.d/director.conf names ip_vs; the guest has /proc/net/ip_vs"),
            CommandRule.run("(ip netns exec |D=|\"\\$D\"|cat > \"\\$LAB_OUT)", Place.GUEST),
            CommandRule.run("director realserver\\b", Place.RS1),
            CommandRule.run("tcpdump .*\\b(arp|icmp6)\\b", Place.CLIENT),
            CommandRule.run("(director|ip|sysctl|tcpdump|install|head|cp|ipvsadm)\\b", Place.D1));

    private CommandPlaces() {}

    /** The first rule that matches {@code command}, if any. */
    public static Optional<CommandRule> ruleOf(DocCommand command) {
        return RULES.stream().filter(r -> r.matches(command)).findFirst();
    }

    public static Place placeOf(DocCommand command) {
        return ruleOf(command).map(CommandRule::place).orElseThrow(() -> new IllegalArgumentException(command
                + ": no rule in CommandPlaces says where this documented command runs; add one (and run it in"
                + " DocumentedCommandsLabTest), or a not-run rule with the reason"));
    }
}
