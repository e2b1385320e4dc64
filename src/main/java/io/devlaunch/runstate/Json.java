package io.devlaunch.runstate;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;

/** Small JSON documents through Typesafe Config, which already reads and renders JSON: no new dependency. */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    public static com.typesafe.config.Config parse(String json) {
        return ConfigFactory.parseString(json, com.typesafe.config.ConfigParseOptions.defaults()
                .setSyntax(com.typesafe.config.ConfigSyntax.JSON));
    }
}
