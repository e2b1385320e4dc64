package io.devlaunch.json;

import com.typesafe.config.ConfigFactory;
import io.devlaunch.TextEscape;
import java.util.Map;

/**
 * The JSON codec: every JSON devlaunch writes goes through {@link JsonWriter} (fields in the order
 * they are written, strings through {@link #quote}), and every JSON it reads through {@link #parse}
 * (Typesafe Config, which the manifest already loads: reading JSON costs no class more at start-up).
 * Typesafe's own renderer is not used: it sorts keys, and {@code status --json} has a documented order.
 */
public final class Json {
    private Json() {}

    /** The object on one line, its fields in the map's order. */
    public static String render(Map<String, ?> object) {
        return new JsonWriter().value(object).toString();
    }

    /** The object one value a line (the records in .devlaunch/, which people read too). */
    public static String renderPretty(Map<String, ?> object) {
        return new JsonWriter(new StringBuilder(256), true).value(object).toString();
    }

    /**
     * Appends {@code s} as a JSON string, by hand: it is on hot paths (a control client's output, the
     * dashboard's log lines). Besides what JSON requires, {@code <}, {@code >}, {@code &} and the
     * JavaScript line separators are escaped, so a child's {@code </script><img onerror=…>} stays
     * data wherever the text ends up.
     */
    public static StringBuilder quote(StringBuilder sb, String s) {
        return TextEscape.quote(sb, s, Json::escaped);
    }

    /** Beyond {@code " \ \n \r \t}: other C0 controls, DEL, markup characters and JavaScript's line separators. */
    private static boolean escaped(int c) {
        return c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029' || c == 0x7f;
    }

    public static com.typesafe.config.Config parse(String json) {
        return ConfigFactory.parseString(json, com.typesafe.config.ConfigParseOptions.defaults()
                .setSyntax(com.typesafe.config.ConfigSyntax.JSON));
    }
}
