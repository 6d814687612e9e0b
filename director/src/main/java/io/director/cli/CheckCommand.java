package io.director.cli;

import io.director.config.hocon.ConfigLoader;
import io.director.config.hocon.LoadResult;
import io.director.config.model.DirectorConfig;
import java.io.PrintWriter;
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
        LoadResult result = ConfigLoader.load(file);
        if (result.isValid()) {
            DirectorConfig c = result.config().orElseThrow();
            int realServers = c.services().stream().mapToInt(s -> s.realServers().size()).sum();
            out.println(file + ": OK (node " + c.nodeId() + ", " + c.cluster().role().name().toLowerCase() + ", "
                    + c.vips().size() + " VIPs, " + c.services().size() + " services, " + realServers + " real servers)");
            out.flush();
            return 0;
        }
        result.problemLines().forEach(out::println);
        out.flush();
        return 1;
    }
}
