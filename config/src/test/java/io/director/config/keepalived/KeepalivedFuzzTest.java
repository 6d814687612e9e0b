package io.director.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.hocon.ConfigLoader;
import io.director.config.hocon.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Mutated keepalived.conf files: the importer never fails, and what it prints is a valid configuration. */
class KeepalivedFuzzTest {
    static final String BASE = read();

    static String read() {
        try {
            return Files.readString(Path.of("src/test/resources/keepalived/conf.d/web.conf"))
                    + Files.readString(Path.of("src/test/resources/keepalived/pair.conf")).replace("include conf.d/*.conf", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, BASE.length() - 1);
        Arbitrary<String> token = Arbitraries.of("{", "}", "\"", "#", "!", "\n", " -1 ", " 99999999999 ", " 70000 ", " 0 ",
                " 0.0 ", " fwmark ", " 2001:db8::1 ", " 198.51.100.999 ", " real_server ", " weight ", " quorum ", " x ");
        return Combinators.combine(at, at, token, Arbitraries.integers().between(0, 2)).as((a, b, t, kind) -> switch (kind) {
            case 0 -> BASE.substring(0, a) + BASE.substring(Math.min(BASE.length(), a + 1 + b % 30));
            case 1 -> BASE.substring(0, a) + t + BASE.substring(a);
            default -> BASE.substring(0, a) + t + BASE.substring(Math.min(BASE.length(), a + 1 + b % 8));
        });
    }

    @Property(tries = 300)
    void importsOfMutantsAreValidConfigurations(@ForAll("mutants") String text) {
        ImportResult r = KeepalivedImporter.importText(text, "mutant.conf");
        assertThat(r.error()).isEmpty();
        LoadResult loaded = ConfigLoader.loadText(r.hocon().orElseThrow(), "imported.conf");
        assertThat(loaded.problemLines()).as("from:\n%s\nimported:\n%s", text, r.hocon().get()).isEmpty();
    }
}
