package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesWithEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", "d1");
        m.put("weight", 3);
        m.put("up", true);
        m.put("none", null);
        m.put("list", List.of("a\"b", "tab\there", "\u0001"));
        assertThat(Json.write(m)).isEqualTo(
                "{\"node\":\"d1\",\"weight\":3,\"up\":true,\"none\":null,\"list\":[\"a\\\"b\",\"tab\\there\",\"\\u0001\"]}");
    }
}
