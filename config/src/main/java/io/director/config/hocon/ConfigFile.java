package io.director.config.hocon;

import io.director.config.core.ConfigValidator;
import io.director.config.model.DirectorConfig;
import io.director.config.model.ServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration file that is loaded again and again, as a daemon reloads it. The result is always the
 * one {@link ConfigLoader#load} gives for the file; what differs is the work. When the file keeps the
 * plain layout of {@link ServiceBlocks} and only elements of its services list changed since the last
 * valid load, only those elements are parsed (inside the same frame, so service defaults apply), the
 * others are taken from the last load, and the whole is validated again. Anything else, and any problem
 * on that path, falls back to parsing the whole file, which also gives the problems their lines.
 * Not thread-safe: one reloading thread.
 */
public final class ConfigFile {
    private final Path path;
    private final String name;
    private ServiceBlocks lastCut;
    private DirectorConfig lastConfig;
    private Map<String, ServiceConfig> lastServices = Map.of();
    private boolean lastWasPartial;

    public ConfigFile(Path path) {
        this.path = path;
        this.name = path.toString();
    }

    public Path path() {
        return path;
    }

    /** Whether the last valid load parsed only the changed services (for the reload log). */
    public boolean lastWasPartial() {
        return lastWasPartial;
    }

    public LoadResult load() {
        ConfigLoader.Read read = ConfigLoader.read(path);
        if (read.problem() != null) {
            return LoadResult.invalid(List.of(read.problem()));
        }
        String text = read.text();
        Optional<ServiceBlocks> cut = ServiceBlocks.cut(text);
        if (cut.isEmpty()) {
            forget();
            return ConfigLoader.parse(path);
        }
        if (lastCut != null && cut.get().sameFrame(lastCut)) {
            Optional<DirectorConfig> spliced = splice(cut.get());
            if (spliced.isPresent()) {
                remember(cut.get(), spliced.get(), true);
                return LoadResult.valid(spliced.get());
            }
        }
        LoadResult whole = ConfigLoader.loadText(text, name);
        if (whole.isValid()) {
            remember(cut.get(), whole.config().orElseThrow(), false);
        }
        return whole;
    }

    /** The configuration from the last load's services and freshly parsed changed ones; empty when anything is amiss. */
    private Optional<DirectorConfig> splice(ServiceBlocks cut) {
        List<String> changed = new ArrayList<>(new LinkedHashSet<>(cut.blocks()));
        changed.removeIf(lastServices::containsKey);
        Map<String, ServiceConfig> parsed = new HashMap<>();
        if (!changed.isEmpty()) {
            LoadResult partial = ConfigLoader.loadText(cut.withBlocks(changed), name);
            if (!partial.isValid() || partial.config().orElseThrow().services().size() != changed.size()) {
                return Optional.empty();
            }
            List<ServiceConfig> services = partial.config().orElseThrow().services();
            for (int i = 0; i < changed.size(); i++) {
                parsed.put(changed.get(i), services.get(i));
            }
        }
        List<ServiceConfig> services = new ArrayList<>(cut.blocks().size());
        for (String block : cut.blocks()) {
            ServiceConfig s = lastServices.get(block);
            services.add(s != null ? s : parsed.get(block));
        }
        DirectorConfig spliced = lastConfig.withServices(services);
        return ConfigValidator.validate(spliced).isEmpty() ? Optional.of(spliced) : Optional.empty();
    }

    private void remember(ServiceBlocks cut, DirectorConfig config, boolean partial) {
        if (cut.blocks().size() != config.services().size()) {
            forget(); // cannot happen for a plain layout; never pair blocks with the wrong services
            return;
        }
        Map<String, ServiceConfig> services = new HashMap<>();
        for (int i = 0; i < cut.blocks().size(); i++) {
            services.put(cut.blocks().get(i), config.services().get(i));
        }
        lastCut = cut;
        lastConfig = config;
        lastServices = services;
        lastWasPartial = partial;
    }

    private void forget() {
        lastCut = null;
        lastConfig = null;
        lastServices = Map.of();
        lastWasPartial = false;
    }
}
