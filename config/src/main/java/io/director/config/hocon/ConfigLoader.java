package io.director.config.hocon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.director.config.core.ConfigProblem;
import io.director.config.core.ConfigValidator;
import io.director.config.core.DidYouMean;
import io.director.config.core.Violation;
import io.director.config.model.DirectorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Loads a Director configuration: HOCON parsed by typesafe-config (includes, {@code ${ENV}} substitution),
 * merged over {@code reference.conf}, mapped onto the model and validated. Never throws for bad input:
 * every problem comes back as {@code FILE:LINE: reason}.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Larger files are refused before parsing (2,000 services x 20 real servers take about 3 MB). */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    public static LoadResult load(Path file) {
        Read read = read(file);
        return read.problem != null ? fail(read.problem) : parse(file);
    }

    /** Parses a file {@link #read} has screened already (typesafe-config reads it again, for its includes). */
    static LoadResult parse(Path file) {
        ConfigParseOptions options = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)
                .setIncluder(new SizeLimitedIncluder());
        return parseAndMap(file.toString(), () -> ConfigFactory.parseFile(file.toFile(), options));
    }

    /** A file's text that passed the screen, or the problem that stopped it. */
    record Read(String text, ConfigProblem problem) {}

    static Read read(Path file) {
        String name = file.toString();
        byte[] data;
        try {
            if (!Files.exists(file)) {
                return new Read(null, new ConfigProblem(name, 0, "no such file"));
            }
            if (!Files.isRegularFile(file)) {
                return new Read(null, new ConfigProblem(name, 0, "not a regular file"));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                return new Read(null, new ConfigProblem(name, 0, "file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB"));
            }
            data = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return new Read(null, new ConfigProblem(name, 0, "cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
        String text = new String(data, StandardCharsets.UTF_8);
        return new Read(text, screen(name, data, text).orElse(null));
    }

    /** Loads from text; {@code name} stands for the file in problems, includes resolve from the working directory. */
    public static LoadResult loadText(String text, String name) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (data.length > MAX_FILE_BYTES) {
            return fail(new ConfigProblem(name, 0, "text is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB"));
        }
        Optional<ConfigProblem> screened = screen(name, data, text);
        if (screened.isPresent()) {
            return fail(screened.get());
        }
        ConfigParseOptions options = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                .setOriginDescription(name).setAllowMissing(false).setIncluder(new SizeLimitedIncluder());
        return parseAndMap(name, () -> ConfigFactory.parseString(text, options));
    }

    /** {@code text}: {@code data} decoded, where invalid UTF-8 became U+FFFD; only then are the bytes looked at closely. */
    private static Optional<ConfigProblem> screen(String name, byte[] data, String text) {
        if (text.indexOf('\0') >= 0 || text.indexOf('\uFFFD') >= 0) {
            Optional<ConfigProblem> p = TextScreen.bytes(name, data);
            if (p.isPresent()) {
                return p;
            }
        }
        return TextScreen.nesting(name, text);
    }

    private interface Parse {
        Config run();
    }

    private static LoadResult parseAndMap(String name, Parse parse) {
        Problems problems = new Problems(name);
        Config merged;
        try {
            Config user = parse.run();
            ConfigValue director = user.root().get("director");
            if (director == null) {
                return fail(problems.at(user.root().origin(), "no director { ... } block"
                        + DidYouMean.hint(user.root().keySet().stream().findFirst().orElse(""), List.of("director"))));
            }
            if (director.valueType() != ConfigValueType.OBJECT) {
                return fail(problems.at(director.origin(), "director must be an object { ... }"));
            }
            merged = user.withFallback(reference()).resolve(ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            return fail(problems.at(e.origin(), cleanMessage(e)));
        } catch (StackOverflowError e) {
            return fail(new ConfigProblem(name, 0, "nested too deeply (an include loop or deep nesting)"));
        } catch (RuntimeException e) {
            return fail(new ConfigProblem(name, 0, "cannot parse: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
        try {
            ConfigObject directorObject = (ConfigObject) merged.root().get("director");
            Section root = new Section(directorObject, "", directorObject.origin(), problems);
            ModelMapper mapper = new ModelMapper(problems, (ConfigObject) reference().root().get("director"));
            DirectorConfig config = mapper.map(root);
            if (config != null) {
                for (Violation v : ConfigValidator.validate(config)) {
                    report(problems, mapper, v);
                }
            }
            if (problems.size() == 0 && config != null) {
                return LoadResult.valid(config);
            }
            if (problems.size() == 0) {
                problems.add(directorObject.origin(), "configuration is incomplete");
            }
        } catch (ConfigException e) {
            problems.add(e.origin(), cleanMessage(e));
        } catch (RuntimeException e) {
            // a safety net: a bug must still come out as one line, never as a stack trace
            problems.add(new ConfigProblem(name, 0, "internal error while reading this configuration (please report): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
        List<ConfigProblem> sorted = new ArrayList<>(problems.all());
        sorted.sort(Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line));
        return LoadResult.invalid(sorted);
    }

    private static void report(Problems problems, ModelMapper mapper, Violation v) {
        Section s = mapper.sources.get(v.subject());
        if (s == null) {
            problems.add(null, v.reason());
            return;
        }
        if (s.failed.contains(v.key()) || (s.incomplete && v.key().equals("quorum"))) {
            return; // already reported while mapping, or a consequence of an element that failed to map
        }
        String reason = s.where(v.key()) + ": " + v.reason();
        if (v.related().isPresent()) {
            Section first = mapper.sources.get(v.related().get());
            if (first != null) {
                reason += " (first defined at line " + problems.lineOf(first.originOf(v.key())) + ")";
            }
        }
        problems.add(s.originOf(v.key()), reason);
    }

    private static LoadResult fail(ConfigProblem problem) {
        return LoadResult.invalid(List.of(problem));
    }

    /** typesafe-config prefixes messages with the origin; the problem carries that already. */
    static String cleanMessage(ConfigException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        ConfigOrigin o = e.origin();
        if (o != null && m.startsWith(o.description() + ": ")) {
            m = m.substring(o.description().length() + 2);
        }
        m = m.replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
        int trace = m.indexOf(" Trace: ");
        if (trace > 0) {
            m = m.substring(0, trace);
        }
        if (m.length() > 300) {
            m = m.substring(0, 300) + "...";
        }
        if (e instanceof ConfigException.Parse && !(e instanceof ConfigException.UnresolvedSubstitution)) {
            m = "syntax error: " + m;
        }
        return m.replace('\n', ' ');
    }

    static final String REFERENCE_ORIGIN = "director's reference.conf";

    private static volatile Config reference;

    /** Director's own reference.conf (only its director subtree; other libraries' defaults do not matter here). */
    static Config reference() {
        Config r = reference;
        if (r == null) {
            Config all = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf",
                    ConfigParseOptions.defaults().setAllowMissing(false).setOriginDescription(REFERENCE_ORIGIN));
            r = all.withOnlyPath("director").resolve();
            reference = r;
        }
        return r;
    }
}
