package io.director.config.hocon;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.director.config.core.AddressText;
import io.director.config.core.DidYouMean;
import io.director.config.model.Endpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * One HOCON object being mapped (a section, a service, a real server, a check), with typed accessors that
 * report a problem at the value's FILE:LINE and return {@code null} instead of throwing. Keys that failed
 * are remembered so that model-level rules do not report them twice.
 */
final class Section {
    final ConfigObject object;
    final String path;
    final ConfigOrigin origin;
    final Problems problems;
    final Set<String> failed = new HashSet<>();
    boolean incomplete;

    Section(ConfigObject object, String path, ConfigOrigin origin, Problems problems) {
        this.object = object;
        this.path = path;
        this.origin = origin;
        this.problems = problems;
    }

    String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigOrigin originOf(String key) {
        ConfigValue v = object.get(key);
        return v != null && v.origin().lineNumber() > 0 && !fromReference(v.origin()) ? v.origin() : origin;
    }

    /** Defaults have no line worth showing: a problem with one belongs to the entry that inherited it. */
    private static boolean fromReference(ConfigOrigin o) {
        return o.description().startsWith(ConfigLoader.REFERENCE_ORIGIN);
    }

    void problem(String key, String reason) {
        failed.add(key);
        String w = where(key);
        problems.add(originOf(key), (w.length() > 100 ? w.substring(0, 100) + "..." : w) + ": " + reason);
    }

    /** The value, or null when absent or null. */
    ConfigValue value(String key) {
        ConfigValue v = object.get(key);
        return v == null || v.valueType() == ConfigValueType.NULL ? null : v;
    }

    boolean has(String key) {
        return value(key) != null;
    }

    void requireKnownKeys(Collection<String> known) {
        for (String key : new TreeSet<>(object.keySet())) {
            if (!known.contains(key)) {
                problem(key, "unknown key " + quote(key) + DidYouMean.hint(key, known));
            }
        }
    }

    private static String quote(String key) {
        return key.length() > 80 ? "\"" + key.substring(0, 80) + "...\"" : "\"" + key + "\"";
    }

    private static String describe(ConfigValue v) {
        return switch (v.valueType()) {
            case OBJECT -> "an object";
            case LIST -> "a list";
            case NUMBER -> "number " + v.unwrapped();
            case BOOLEAN -> "boolean " + v.unwrapped();
            case NULL -> "null";
            case STRING -> {
                String s = (String) v.unwrapped();
                yield "string \"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
            }
        };
    }

    private Object missing(String key, boolean required) {
        if (required) {
            problem(key, "missing required key " + key);
        }
        return null;
    }

    /** A scalar as text (HOCON lets numbers and booleans stand unquoted for strings). */
    String string(String key, boolean required) {
        ConfigValue v = value(key);
        if (v == null) {
            return (String) missing(key, required);
        }
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            problem(key, "expected a string, got " + describe(v));
            return null;
        }
        String s = String.valueOf(v.unwrapped());
        if (required && s.isBlank()) {
            problem(key, key + " must not be empty");
            return null;
        }
        return s;
    }

    Optional<String> optionalString(String key) {
        return Optional.ofNullable(string(key, false));
    }

    /** A whole number that fits a Java int. */
    Integer integer(String key, boolean required) {
        ConfigValue v = value(key);
        if (v == null) {
            return (Integer) missing(key, required);
        }
        return integer(key, v);
    }

    Integer integer(String key, ConfigValue v) {
        Object u = v.unwrapped();
        long n;
        if (u instanceof Integer || u instanceof Long) {
            n = ((Number) u).longValue();
        } else if (u instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            n = Long.parseLong(s.trim());
        } else if (u instanceof String s && s.trim().matches("-?\\d{19,}")) {
            problem(key, "number " + (s.length() > 40 ? s.substring(0, 40) + "..." : s.trim()) + " is too large");
            return null;
        } else {
            problem(key, "expected a whole number, got " + describe(v));
            return null;
        }
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            problem(key, "number " + n + " is too large");
            return null;
        }
        return (int) n;
    }

    OptionalInt optionalInteger(String key) {
        Integer i = integer(key, false);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    int integer(String key, int placeholder) {
        Integer i = integer(key, true);
        return i == null ? placeholder : i;
    }

    Boolean bool(String key) {
        ConfigValue v = value(key);
        if (v == null) {
            return (Boolean) missing(key, true);
        }
        try {
            return v.atKey("k").getBoolean("k");
        } catch (ConfigException e) {
            problem(key, "expected true or false, got " + describe(v));
            return null;
        }
    }

    boolean bool(String key, boolean placeholder) {
        Boolean b = bool(key);
        return b == null ? placeholder : b;
    }

    Duration duration(String key, Duration placeholder) {
        ConfigValue v = value(key);
        if (v == null) {
            missing(key, true);
            return placeholder;
        }
        if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
            problem(key, "expected a duration such as 500ms or 2s, got " + describe(v));
            return placeholder;
        }
        try {
            return v.atKey("k").getDuration("k");
        } catch (ConfigException | ArithmeticException e) {
            problem(key, "expected a duration such as 500ms or 2s, got " + describe(v));
            return placeholder;
        }
    }

    <E> E choice(String key, Map<String, E> options, E placeholder) {
        String s = string(key, true);
        if (s == null) {
            return placeholder;
        }
        return choice(key, s, options, placeholder);
    }

    <E> E choice(String key, String s, Map<String, E> options, E placeholder) {
        E e = options.get(s.toLowerCase());
        if (e == null) {
            problem(key, "unknown " + key + " \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\" (valid: "
                    + String.join(", ", options.keySet()) + ")" + DidYouMean.hint(s, options.keySet()));
            return placeholder;
        }
        return e;
    }

    InetAddress address(String key, boolean required) {
        String s = string(key, required);
        if (s == null) {
            return null;
        }
        try {
            return AddressText.address(s);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    Endpoint endpoint(String key, boolean required, int defaultPort) {
        String s = string(key, required);
        return s == null ? null : endpoint(key, s, defaultPort);
    }

    Endpoint endpoint(String key, String text, int defaultPort) {
        try {
            return AddressText.endpoint(text, defaultPort);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    /** A list (an absent or null key is an empty list). */
    List<ConfigValue> list(String key) {
        ConfigValue v = value(key);
        if (v == null) {
            return List.of();
        }
        if (v.valueType() != ConfigValueType.LIST) {
            problem(key, "expected a list [ ... ], got " + describe(v));
            return List.of();
        }
        return new ArrayList<>((ConfigList) v);
    }

    /** A nested object, or null (reported) when it is something else. */
    ConfigObject object(String key) {
        ConfigValue v = value(key);
        if (v == null) {
            return null;
        }
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(key, "expected an object { ... }, got " + describe(v));
            return null;
        }
        return (ConfigObject) v;
    }

    Section child(String key, ConfigObject fallback) {
        ConfigObject o = object(key);
        ConfigObject merged = o == null ? fallback : o;
        return new Section(merged, where(key), o == null ? originOf(key) : o.origin(), problems);
    }
}
