package io.devlaunch.json;

import com.typesafe.config.ConfigFactory;
import io.devlaunch.TextEscape;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;

/** Small JSON documents through Typesafe Config, which already reads and renders JSON: no new dependency. */
public final class Json {
    private Json() {}

    public static String render(Map<String, ?> object) {
        return ConfigValueFactory.fromMap(object).render(ConfigRenderOptions.concise());
    }

    public static String renderPretty(Map<String, ?> object) {
        return ConfigValueFactory.fromMap(object).render(ConfigRenderOptions.concise().setFormatted(true));
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
