package io.devlaunch.manifest;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds keys the manifest does not know. Typesafe Config has no strict mode, so we walk the
 * parsed tree ourselves — before resolving, so each origin is still a line in the file.
 */
final class UnknownKeys {
    private UnknownKeys() {}

    static void check(ConfigObject root, Path file, List<Problem> problems) {
        checkBlock(root, "", ManifestKeys.TOP, file, problems);
        if (root.get("defaults") instanceof ConfigObject defaults) checkService(defaults, "defaults.", file, problems);
        if (root.get("services") instanceof ConfigObject services) {
            for (Map.Entry<String, ConfigValue> e : services.entrySet()) {
                if (e.getValue() instanceof ConfigObject svc) {
                    checkService(svc, "services." + Shown.of(e.getKey()) + ".", file, problems);
                }
            }
        }
    }

    private static void checkService(ConfigObject svc, String prefix, Path file, List<Problem> problems) {
        checkBlock(svc, prefix, ManifestKeys.SERVICE, file, problems);
        if (svc.get("health") instanceof ConfigObject health) {
            checkBlock(health, prefix + "health.", ManifestKeys.HEALTH, file, problems);
        }
    }

    private static void checkBlock(ConfigObject block, String prefix, Set<String> known, Path file,
                                   List<Problem> problems) {
        for (Map.Entry<String, ConfigValue> e : block.entrySet()) {
            String key = e.getKey();
            if (known.contains(key)) continue;
            String hint = Suggestions.hint(key, known, prefix);
            if (hint.isEmpty() && !prefix.endsWith(".health.")) {
                // "services.api.http = …" is a health key one level too high
                hint = Suggestions.hint(key, ManifestKeys.HEALTH_KINDS, prefix + "health.");
            }
            problems.add(new Problem(TypedReader.locationOf(e.getValue().origin(), file),
                    "unknown key '" + prefix + Shown.of(key) + "'" + hint));
        }
    }
}
