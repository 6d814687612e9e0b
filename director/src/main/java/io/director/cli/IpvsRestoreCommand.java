package io.director.cli;

import io.director.ipvs.BatchResult;
import io.director.ipvs.IpvsException;
import io.director.ipvs.IpvsOp;
import io.director.ipvs.NetlinkIpvs;
import io.director.ipvs.OpResult;
import io.director.ipvs.rules.IpvsadmRules;
import io.director.ipvs.rules.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Hidden {@code director ipvs-restore}: applies ipvsadm-restore rules through Director's own netlink
 * client, for lab tests and the benchmark (same input as {@code ipvsadm-restore}). Prints every refused
 * op and, with --timing, the phases in milliseconds; exit 1 if anything was refused.
 */
@Command(name = "ipvs-restore", hidden = true, mixinStandardHelpOptions = true,
        description = "Apply ipvsadm-restore rules (from FILE or stdin) with Director's netlink client.")
public final class IpvsRestoreCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, description = "Rules file (default: stdin).")
    Path file;

    @Option(names = "--window", description = "Ops per netlink datagram (default ${DEFAULT-VALUE}).", defaultValue = "256")
    int window;

    @Option(names = "--timing", description = "Print the time of each phase to stderr.")
    boolean timing;

    @Option(names = {"-v", "--verbose"}, description = "Print every applied op.")
    boolean verbose;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        List<Rule> rules;
        try (InputStream in = file == null ? System.in : Files.newInputStream(file)) {
            rules = IpvsadmRules.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("director ipvs-restore: cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
            return 1;
        } catch (IpvsadmRules.RuleException e) {
            err.println("director ipvs-restore: " + (file == null ? "stdin" : file) + ": " + e.getMessage());
            return 1;
        }
        long t1 = System.nanoTime();
        int failed = 0;
        int applied = 0;
        long t2;
        try (NetlinkIpvs ipvs = NetlinkIpvs.open(window)) {
            t2 = System.nanoTime();
            List<IpvsOp> run = new ArrayList<>();
            for (Rule r : rules) {
                if (r instanceof Rule.Op o) {
                    run.add(o.op());
                    continue;
                }
                int[] counts = applyRun(ipvs, run, out, err);
                applied += counts[0];
                failed += counts[1];
                run.clear();
                try {
                    if (r instanceof Rule.Flush) {
                        ipvs.flush();
                    } else if (r instanceof Rule.SetTimeouts s) {
                        ipvs.setTimeouts(s.timeouts());
                    } else if (r instanceof Rule.StartDaemon s) {
                        ipvs.startSyncDaemon(s.daemon());
                    } else if (r instanceof Rule.StopDaemon s) {
                        ipvs.stopSyncDaemon(s.state());
                    }
                    applied++;
                } catch (IpvsException e) {
                    err.println("director ipvs-restore: " + e.getMessage());
                    failed++;
                }
            }
            int[] counts = applyRun(ipvs, run, out, err);
            applied += counts[0];
            failed += counts[1];
        } catch (IpvsException e) {
            err.println("director ipvs-restore: " + e.getMessage());
            return 1;
        }
        long t3 = System.nanoTime();
        if (timing) {
            err.printf("director ipvs-restore: %d applied, %d refused; parse %.1f ms, open %.1f ms, apply %.1f ms%n",
                    applied, failed, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private int[] applyRun(NetlinkIpvs ipvs, List<IpvsOp> run, PrintWriter out, PrintWriter err) throws IpvsException {
        if (run.isEmpty()) {
            return new int[] {0, 0};
        }
        BatchResult result = ipvs.apply(run);
        int ok = 0;
        int bad = 0;
        for (OpResult r : result.results()) {
            if (r.isApplied()) {
                ok++;
                if (verbose) {
                    out.println(r.op());
                }
            } else {
                bad++;
                err.println("director ipvs-restore: " + r.error().orElseThrow().getMessage());
            }
        }
        return new int[] {ok, bad};
    }
}
