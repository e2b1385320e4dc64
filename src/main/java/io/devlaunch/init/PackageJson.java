package io.devlaunch.init;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code init} needs from a package.json: its name, its scripts in file order, a {@code proxy} field. Read as JSON by Typesafe Config. */
record PackageJson(Optional<String> name, Map<String, String> scripts, Optional<String> proxy, Optional<String> packageManager) {

    /** @throws IllegalArgumentException with a message naming what is wrong */
    static PackageJson parse(String text, String fileName) {
        String json = text.replaceFirst("^\uFEFF", "");
        ConfigObject root;
        try {
            root = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)
                    .setOriginDescription(fileName)).root();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(fileName + " is not valid JSON: " + e.getMessage());
        }
        Map<String, String> scripts = new LinkedHashMap<>();
        if (root.get("scripts") instanceof ConfigObject s) {
            // A ConfigObject is a hash map: the file's order (what people read as "first") comes from the origins.
            List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(s.entrySet());
            // A minified file is all one line: then where the quoted key first appears after "scripts" decides.
            int from = Math.max(0, json.indexOf("\"scripts\""));
            entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
                    .thenComparingInt(e -> position(json, from, e.getKey())));
            for (Map.Entry<String, ConfigValue> e : entries) {
                if (e.getValue().valueType() == ConfigValueType.STRING) scripts.put(e.getKey(), (String) e.getValue().unwrapped());
            }
        }
        return new PackageJson(string(root, "name"), scripts, string(root, "proxy"), string(root, "packageManager"));
    }

    private static int position(String json, int from, String key) {
        int at = json.indexOf(com.typesafe.config.ConfigUtil.quoteString(key), from);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    private static Optional<String> string(ConfigObject root, String key) {
        ConfigValue v = root.get(key);
        return v != null && v.valueType() == ConfigValueType.STRING ? Optional.of((String) v.unwrapped()) : Optional.empty();
    }
}
