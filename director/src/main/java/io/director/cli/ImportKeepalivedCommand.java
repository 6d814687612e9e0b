package io.director.cli;

import io.director.config.keepalived.ImportResult;
import io.director.config.keepalived.KeepalivedImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code director import-keepalived FILE}: the equivalent Director configuration on stdout, one
 * {@code FILE:LINE: ...} warning per construct without an equivalent on stderr. Exit 1 if FILE cannot be read.
 */
@Command(mixinStandardHelpOptions = true, name = "import-keepalived",
        description = "Translate a keepalived.conf to a Director configuration (HOCON on stdout, warnings on stderr).")
public final class ImportKeepalivedCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "keepalived.conf to translate")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportResult r = KeepalivedImporter.importFile(file);
        r.warnings().forEach(w -> err.println("warning: " + w));
        r.error().ifPresent(e -> err.println("error: " + e));
        r.hocon().ifPresent(out::print);
        out.flush();
        err.flush();
        return r.hocon().isPresent() ? 0 : 1;
    }
}
