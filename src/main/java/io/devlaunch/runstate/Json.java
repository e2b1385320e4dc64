package io.devlaunch.runstate;

import com.typesafe.config.ConfigFactory;
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

    public static com.typesafe.config.Config parse(String json) {
        return ConfigFactory.parseString(json, com.typesafe.config.ConfigParseOptions.defaults()
                .setSyntax(com.typesafe.config.ConfigSyntax.JSON));
    }
}
