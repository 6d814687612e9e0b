package io.director.cli;

import io.director.config.hocon.ConfigFile;
import io.director.config.hocon.LoadResult;
import io.director.config.model.DirectorConfig;
import io.director.failover.jgroups.ClusterKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code director check -c FILE}: validates a configuration. Exit 0 with one OK line; else exit 1 and one
 * {@code FILE:LINE: reason} line per problem, all on standard output (so they can be piped and counted).
 */
@Command(mixinStandardHelpOptions = true, name = "check", description = "Validate a configuration file: exit 0 when valid, else 1 with one FILE:LINE: reason line per problem on stdout.")
public final class CheckCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the configuration file (HOCON)")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadResult result = new ConfigFile(file).load();
        if (result.isValid()) {
            DirectorConfig c = result.config().orElseThrow();
            int realServers = c.services().stream().mapToInt(s -> s.realServers().size()).sum();
            out.println(file + ": OK (node " + c.nodeId() + ", " + c.cluster().role().name().toLowerCase() + ", "
                    + c.vips().size() + " VIPs, " + c.services().size() + " services, " + realServers + " real servers)");
            out.flush();
            c.cluster().keyFile().ifPresent(this::warnIfUnusable);
            return 0;
        }
        result.problemLines().forEach(out::println);
        out.flush();
        return 1;
    }

    /**
     * The file is valid without its key file (it may be checked on another machine), but `director run`
     * refuses to start without a usable one: say so now rather than at start.
     */
    private void warnIfUnusable(Path keyFile) {
        String why;
        try {
            ClusterKey.read(keyFile);
            return;
        } catch (NoSuchFileException e) {
            why = keyFile + ": no such file";
        } catch (AccessDeniedException e) {
            why = keyFile + ": permission denied";
        } catch (IOException e) {
            why = e.getMessage();
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("warning: " + file + ": cluster.key-file " + why + "; director run will not start without it");
        err.flush();
    }
}
