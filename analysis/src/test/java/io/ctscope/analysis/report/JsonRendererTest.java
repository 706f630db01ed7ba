package io.ctscope.analysis.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonRendererTest {
    @Test
    void shouldRenderNestedSectionsInOrderWithEscapes() {
        Report r = new Report();
        r.section("input").put("files", List.of("a\"b.txt", "-"));
        r.section("input").put("first_ts", null);
        r.section("table").put("entries", 3L);
        r.section("table").put("ratio", 0.5);
        String expected = "{\n"
            + "  \"input\": {\n"
            + "    \"files\": [\"a\\\"b.txt\", \"-\"],\n"
            + "    \"first_ts\": null\n"
            + "  },\n"
            + "  \"table\": {\n"
            + "    \"entries\": 3,\n"
            + "    \"ratio\": 0.5\n"
            + "  }\n"
            + "}\n";
        assertEquals(expected, JsonRenderer.render(r));
    }

    @Test
    void shouldRenderUnitsForPeople() {
        assertEquals("9999", Units.count(9999));
        assertEquals("12.3 k", Units.count(12_345));
        assertEquals("1.2 M", Units.count(1_234_567));
        assertEquals("3.4 GiB", Units.bytes(3_650_722_202L));
        assertEquals("2h13m", Units.duration(2 * 3600 + 13 * 60 + 5));
        assertEquals("45s", Units.duration(45));
    }
}
