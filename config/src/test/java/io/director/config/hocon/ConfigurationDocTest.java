package io.director.config.hocon;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md and reference.conf cannot drift apart: same keys, same defaults. */
class ConfigurationDocTest {
    static final Path DOC = Path.of("../docs/configuration.md");
    static final Pattern KEY = Pattern.compile("`(director\\.[a-z0-9.-]+)`");

    /** key -> default column of every table row of the reference. */
    static Map<String, String> documented() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(DOC)) {
            String[] cells = line.split("(?<!\\\\)\\|");  // table cells; "\\|" inside a cell is a literal bar
            if (cells.length < 5 || !line.startsWith("| `director.")) {
                continue;
            }
            Matcher m = KEY.matcher(cells[1].trim());
            if (m.matches()) {
                assertThat(rows.put(m.group(1), cells[3].trim())).as("documented twice: " + m.group(1)).isNull();
            }
        }
        return rows;
    }

    static Map<String, ConfigValue> referenceLeaves(ConfigObject o, String prefix) {
        Map<String, ConfigValue> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
            String path = prefix + "." + e.getKey();
            if (e.getValue().valueType() == ConfigValueType.OBJECT) {
                out.putAll(referenceLeaves((ConfigObject) e.getValue(), path));
            } else {
                out.put(path, e.getValue());
            }
        }
        return out;
    }

    @Test
    void everyKeyOfReferenceConfIsDocumentedAndViceVersa() throws IOException {
        Map<String, ConfigValue> reference = referenceLeaves((ConfigObject) ConfigLoader.reference().root().get("director"), "director");
        assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
    }

    @Test
    void everyDocumentedDefaultIsReferenceConfs() throws IOException {
        Map<String, ConfigValue> reference = referenceLeaves((ConfigObject) ConfigLoader.reference().root().get("director"), "director");
        Map<String, String> doc = documented();
        for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
            String column = doc.get(e.getKey());
            if (column == null) {
                continue; // reported by the other test
            }
            ConfigValue v = e.getValue();
            String expected = switch (v.valueType()) {
                case NULL -> null;
                case LIST -> v.render();
                default -> String.valueOf(v.unwrapped());
            };
            if (expected == null) {
                assertThat(column).as(e.getKey()).startsWith("none");
            } else {
                assertThat(column).as(e.getKey()).isEqualTo("`" + expected + "`");
            }
        }
    }
}
