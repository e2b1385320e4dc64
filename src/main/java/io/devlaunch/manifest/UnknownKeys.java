package io.devlaunch.manifest;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds keys the manifest does not know. Typesafe Config has no strict mode, so we walk the
 * parsed tree ourselves — before resolving, so each origin is still a line in the file.
 *
 * <p>A block merged with a substitution ({@code defaults = ${vars.base} { … }}) cannot be walked
 * before resolving: the walk then says it is incomplete, and the loader walks the resolved tree
 * instead, whose values still carry the lines they were written on.
 */
final class UnknownKeys {
    private UnknownKeys() {}

    /** False when some block could not be walked yet (see the class comment). */
    static boolean check(ConfigObject root, Path file, List<Problem> problems) {
        boolean complete = checkBlock(root, "", ManifestKeys.TOP, file, problems);
        complete &= checkTopBlock(root, "dashboard", ManifestKeys.DASHBOARD, file, problems);
        complete &= checkTopBlock(root, "logs", ManifestKeys.LOGS, file, problems);
        if (root.get("defaults") instanceof ConfigObject defaults) {
            complete &= checkService(defaults, "defaults.", file, problems);
        } else {
            complete &= !unresolved(root.get("defaults"));
        }
        if (root.get("services") instanceof ConfigObject services) {
            Set<Map.Entry<String, ConfigValue>> entries = entries(services);
            if (entries == null) return false;
            for (Map.Entry<String, ConfigValue> e : entries) {
                if (e.getValue() instanceof ConfigObject svc) {
                    complete &= checkService(svc, "services." + Shown.of(e.getKey()) + ".", file, problems);
                } else {
                    complete &= !unresolved(e.getValue());
                }
            }
        } else {
            complete &= !unresolved(root.get("services"));
        }
        return complete;
    }

    private static boolean checkTopBlock(ConfigObject root, String key, Set<String> keys, Path file, List<Problem> problems) {
        if (root.get(key) instanceof ConfigObject block) return checkBlock(block, key + ".", keys, file, problems);
        return !unresolved(root.get(key));
    }

    private static boolean checkService(ConfigObject svc, String prefix, Path file, List<Problem> problems) {
        boolean complete = checkBlock(svc, prefix, ManifestKeys.SERVICE, file, problems);
        if (!complete) return false;
        if (svc.get("health") instanceof ConfigObject health) {
            return checkBlock(health, prefix + "health.", ManifestKeys.HEALTH, file, problems);
        }
        return !unresolved(svc.get("health"));
    }

    private static boolean checkBlock(ConfigObject block, String prefix, Set<String> known, Path file,
                                      List<Problem> problems) {
        Set<Map.Entry<String, ConfigValue>> entries = entries(block);
        if (entries == null) return false;
        for (Map.Entry<String, ConfigValue> e : entries) {
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
        return true;
    }

    /** A value still waiting for a substitution, such as ${vars.base} { … }: it has no type yet. */
    private static boolean unresolved(ConfigValue v) {
        if (v == null) return false;
        try {
            v.valueType();              // throws for a value that is not resolved yet
            return false;
        } catch (ConfigException.NotResolved e) {
            return true;
        }
    }

    /** The block's entries, or null while it is a merge still waiting for a substitution. */
    private static Set<Map.Entry<String, ConfigValue>> entries(ConfigObject block) {
        try {
            return block.entrySet();
        } catch (ConfigException.NotResolved e) {
            return null;
        }
    }
}
