package io.director.config.hocon;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseable;
import java.io.File;

/** Refuses included files over the size limit before typesafe-config reads them, so includes stay bounded. */
final class SizeLimitedIncluder implements ConfigIncluder, ConfigIncluderFile {
    private final ConfigIncluder fallback;

    SizeLimitedIncluder() {
        this(null);
    }

    private SizeLimitedIncluder(ConfigIncluder fallback) {
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder next) {
        return fallback == null ? new SizeLimitedIncluder(next) : this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        ConfigParseable p = context.relativeTo(what);
        if (p != null && p.origin() != null && p.origin().filename() != null) {
            check(new File(p.origin().filename()), p.origin());
        }
        return fallback.include(context, what);
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        check(file, null);
        return ((ConfigIncluderFile) fallback).includeFile(context, file);
    }

    private static void check(File file, ConfigOrigin origin) {
        if (file.isFile() && file.length() > ConfigLoader.MAX_FILE_BYTES) {
            throw new TooLarge(origin != null ? origin : ConfigOriginFactory.newFile(file.getPath()),
                    "included file is larger than " + ConfigLoader.MAX_FILE_BYTES / (1024 * 1024) + " MiB");
        }
    }

    /** Reported like any other typesafe-config problem, at the included file. */
    static final class TooLarge extends ConfigException {
        private static final long serialVersionUID = 1L;

        TooLarge(ConfigOrigin origin, String message) {
            super(origin, message);
        }
    }
}
