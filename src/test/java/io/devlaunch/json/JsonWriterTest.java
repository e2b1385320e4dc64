package io.devlaunch.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    private static Map<String, Object> sample() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("pid", null);
        inner.put("running", false);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", "last letter, first key");
        m.put("alpha", 1L);
        m.put("supervisor", inner);
        m.put("ports", List.of(8000, 8001));
        m.put("empty", List.of());
        m.put("none", new LinkedHashMap<>());
        m.put("text", "say \"hi\"\n\t</script>&\u0007");
        return m;
    }

    @Test
    void fieldsComeInTheOrderTheyAreWrittenNotSorted() {
        assertEquals("{\"zeta\":\"last letter, first key\",\"alpha\":1,\"supervisor\":{\"pid\":null,\"running\":false},"
                + "\"ports\":[8000,8001],\"empty\":[],\"none\":{},"
                + "\"text\":\"say \\\"hi\\\"\\n\\t\\u003c/script\\u003e\\u0026\\u0007\"}", Json.render(sample()));
    }

    @Test
    void whatItWritesReadsBackTheSameCompactAndPretty() {
        for (String json : List.of(Json.render(sample()), Json.renderPretty(sample()))) {
            Config c = Json.parse(json);
            assertEquals("last letter, first key", c.getString("zeta"));
            assertEquals(1, c.getInt("alpha"));
            assertTrue(c.getIsNull("supervisor.pid"), json);
            assertEquals(false, c.getBoolean("supervisor.running"));
            assertEquals(List.of(8000, 8001), c.getIntList("ports"));
            assertEquals(List.of(), c.getList("empty").unwrapped());
            assertTrue(c.getConfig("none").isEmpty(), json);
            assertEquals("say \"hi\"\n\t</script>&\u0007", c.getString("text"));
        }
    }

    @Test
    void prettyIsOneValueALineIndentedByFour() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2));
        m.put("b", Map.of("c", true));
        m.put("d", List.of());
        assertEquals("""
                {
                    "a" : [
                        1,
                        2
                    ],
                    "b" : {
                        "c" : true
                    },
                    "d" : []
                }""", Json.renderPretty(m));
    }

    @Test
    void theStreamingCallsPutCommasWhereTheyBelong() {
        JsonWriter w = new JsonWriter().beginObject().field("service", "api").name("lines").beginArray()
                .raw("{\"seq\":1}").raw("{\"seq\":2}").endArray().field("skipped",
                        0L).name("row").raw("{}").endObject();
        assertEquals("{\"service\":\"api\",\"lines\":[{\"seq\":1},{\"seq\":2}],\"skipped\":0,\"row\":{}}",
                w.toString());
        assertEquals("[[],{},null,true,-5]", new JsonWriter().value(Arrays.asList(List.of(), Map.of(), null, true, -5))
                .toString());
    }

    @Test
    void aValueWithNoJsonFormIsRefusedNotGuessed() {
        List<Object> odd = new ArrayList<>();
        odd.add(new Object());
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().value(odd));
    }
}
