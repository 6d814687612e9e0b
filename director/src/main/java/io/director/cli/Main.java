package io.director.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/director}: one picocli command with a subcommand per operation. */
@Command(name = "director", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "High-availability LVS director.",
        subcommands = {
            RunCommand.class,
            CheckCommand.class,
            ApplyCommand.class,
            StatusCommand.class,
            ReloadCommand.class,
            FailoverCommand.class,
            DrillCommand.class,
            ImportKeepalivedCommand.class,
            ListCommand.class,
            RealServerCommand.class,
            NetCommand.class,
            IpvsRestoreCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"director " + (v == null ? "dev" : v)};
        }
    }
}
