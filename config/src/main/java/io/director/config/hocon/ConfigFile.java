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
 * others are taken from the last load, and the whole is validated again. A first load of such a file
 * parses its services a slice at a time in the same frame: typesafe-config's tree of a whole large file
 * (about 100 MB for 40,000 real servers) is copied by the collector again and again while it grows, which
 * took a whole load from 0.3 s of CPU to over 1 s of wall time. Anything else, and any problem on these
 * paths, falls back to parsing the whole file, which also gives the problems their lines.
 * Not thread-safe: one reloading thread.
 */
public final class ConfigFile {
    /** Services parsed together on the sliced path (25 to 5 measured alike, 100 slower, 200 slower still). */
    static final int SLICE = 25;

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
        Optional<DirectorConfig> sliced = inSlices(cut.get());
        if (sliced.isPresent()) {
            remember(cut.get(), sliced.get(), false);
            return LoadResult.valid(sliced.get());
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
        Optional<List<ServiceConfig>> fresh = parse(cut, changed);
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ServiceConfig> parsed = new HashMap<>();
        for (int i = 0; i < changed.size(); i++) {
            parsed.put(changed.get(i), fresh.get().get(i));
        }
        List<ServiceConfig> services = new ArrayList<>(cut.blocks().size());
        for (String block : cut.blocks()) {
            ServiceConfig s = lastServices.get(block);
            services.add(s != null ? s : parsed.get(block));
        }
        return validated(lastConfig.withServices(services));
    }

    /** The whole file from its frame and its services a slice at a time; empty for a small file or when anything is amiss. */
    private Optional<DirectorConfig> inSlices(ServiceBlocks cut) {
        if (cut.blocks().size() <= SLICE) {
            return Optional.empty(); // one tree is small: the whole parse costs no more
        }
        LoadResult frame = ConfigLoader.loadText(cut.withBlocks(List.of()), name);
        Optional<List<ServiceConfig>> services = parse(cut, cut.blocks());
        if (!frame.isValid() || services.isEmpty()) {
            return Optional.empty();
        }
        return validated(frame.config().orElseThrow().withServices(services.get()));
    }

    /** Service elements parsed inside the frame, in order, {@link #SLICE} at a time; empty when any slice has a problem. */
    private Optional<List<ServiceConfig>> parse(ServiceBlocks cut, List<String> blocks) {
        List<ServiceConfig> services = new ArrayList<>(blocks.size());
        for (int from = 0; from < blocks.size(); from += SLICE) {
            List<String> slice = blocks.subList(from, Math.min(blocks.size(), from + SLICE));
            LoadResult r = ConfigLoader.loadText(cut.withBlocks(slice), name);
            if (!r.isValid() || r.config().orElseThrow().services().size() != slice.size()) {
                return Optional.empty();
            }
            services.addAll(r.config().orElseThrow().services());
        }
        return Optional.of(services);
    }

    /** Problems across services (a duplicate in two slices) need the whole; their lines come from a whole parse. */
    private static Optional<DirectorConfig> validated(DirectorConfig config) {
        return ConfigValidator.validate(config).isEmpty() ? Optional.of(config) : Optional.empty();
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
