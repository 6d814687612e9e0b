package io.director.lab.drill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code lab drill} was asked to do:
 * {@code --kind kill|link|graceful|partition[,KIND...] --count N [--keepalived [--advert-int 1|0.1]]
 * [--connections N] [--out DIR]}. With several kinds, each round runs them in that order.
 */
public record DrillOptions(List<DrillKind> kinds, int count, boolean keepalived, String advertInt, int connections, Path out) {
    public static final String USAGE = "usage: lab drill --kind kill|link|graceful|partition[,KIND...] --count N"
            + " [--keepalived [--advert-int 1|0.1]] [--connections N] [--out DIR]";

    public DrillOptions {
        kinds = List.copyOf(kinds);
    }

    /** The drills in the order they run: {@code count} rounds of {@code kinds}. */
    public List<DrillKind> sequence() {
        List<DrillKind> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.addAll(kinds);
        }
        return all;
    }

    /** Who is drilled, for reports: "Director" or "keepalived advert_int 1". */
    public String subject() {
        return keepalived ? "keepalived advert_int " + advertInt : "Director";
    }

    /** A file-name-safe tag: director-kill, keepalived-0.1-link. */
    public String tag() {
        StringBuilder k = new StringBuilder();
        for (DrillKind kind : kinds) {
            k.append(k.length() == 0 ? "" : "+").append(kind.label());
        }
        return (keepalived ? "keepalived-" + advertInt : "director") + "-" + k;
    }

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong, for the user. */
    public static DrillOptions parse(String[] args, Path defaultOut) {
        List<DrillKind> kinds = new ArrayList<>();
        Integer count = null;
        boolean keepalived = false;
        String advert = null;
        int connections = 10;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--keepalived" -> keepalived = true;
                case "--kind", "--count", "--advert-int", "--connections", "--out" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (a) {
                        case "--kind" -> {
                            for (String k : value.split(",")) {
                                kinds.add(DrillKind.parse(k.trim()));
                            }
                        }
                        case "--count" -> count = number(a, value, 1, 1000);
                        case "--advert-int" -> advert = value;
                        case "--connections" -> connections = number(a, value, 0, 200);
                        default -> out = Path.of(value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("--kind is required");
        }
        if (count == null) {
            throw new IllegalArgumentException("--count is required");
        }
        if (advert != null && !keepalived) {
            throw new IllegalArgumentException("--advert-int is a keepalived setting; add --keepalived");
        }
        if (advert == null) {
            advert = "1";
        }
        if (!advert.equals("1") && !advert.equals("0.1")) {
            throw new IllegalArgumentException("--advert-int wants 1 (VRRPv2, keepalived's default) or 0.1 (VRRPv3), not '" + advert + "'");
        }
        if (keepalived && kinds.contains(DrillKind.PARTITION)) {
            throw new IllegalArgumentException("keepalived has no witness: --kind partition is for Director only");
        }
        DrillOptions o = new DrillOptions(kinds, count, keepalived, advert, connections, null);
        return new DrillOptions(kinds, count, keepalived, advert, connections,
                (out != null ? out : defaultOut.resolve(o.tag())).toAbsolutePath().normalize());
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " wants a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
