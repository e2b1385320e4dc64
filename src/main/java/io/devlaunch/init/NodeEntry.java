package io.devlaunch.init;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port a Node server listens on when {@code PORT} is not set, from its entry file
 * ({@code node server/index.js}, {@code nodemon server.ts}: {@code process.env.PORT || 3000} or
 * {@code .listen(3000}). For nodemon also from its config (nodemon.json, {@code --config FILE}, else
 * package.json's {@code nodemonConfig}), as nodemon itself reads it: {@code env.PORT} is the server's
 * PORT unless the environment outside sets one (current nodemon lets the outside win, so devlaunch's
 * PORT does); without a script on the command line the entry is the config's {@code script}, else the
 * file its {@code exec} runs (an exec naming none runs alone), else package.json's {@code main}, else
 * index.js.
 */
final class NodeEntry {
    static final Set<String> RUNNERS = Set.of("node", "nodemon", "tsx", "ts-node", "ts-node-dev", "bun");
    private static final Pattern ENTRY_PORT = Pattern.compile(
            "process\\.env\\.PORT\\s*(?:\\|\\||\\?\\?)\\s*['\"]?(\\d{2,5})\\b['\"]?|\\.listen\\(\\s*(\\d{2,5})\\b");
    private static final Pattern SOURCE = Pattern.compile(".*\\.(?:js|mjs|cjs|ts|mts)");
    /** nodemon's options that take a value: their value is not the script. */
    private static final Set<String> NODEMON_VALUE_OPTIONS = Set.of("--config", "-x", "--exec", "-w", "--watch", "-i", "--ignore",
            "-e", "--ext", "-d", "--delay", "-s", "--signal", "--cwd");

    private final ProjectFiles files;

    NodeEntry(ProjectFiles files) {
        this.files = files;
    }

    /**
     * A port and where it was read ({@code process.env.PORT || 3000 in server/index.js}); {@code readsPortEnv} when it
     * is only the server's port while PORT is unset.
     */
    record Found(int port, String where, boolean readsPortEnv) {}

    /** What the command's server file or nodemon config names, or null when the command is no Node runner or nothing does. */
    Found port(List<String> words, String folder) {
        if (words.isEmpty() || !RUNNERS.contains(Detect.base(words.get(0)))) return null;
        if (!Detect.base(words.get(0)).equals("nodemon")) {
            String entry = words.subList(1, words.size()).stream().filter(w -> !w.startsWith("-") && SOURCE.matcher(w).matches())
                    .findFirst().orElse(null);
            return entry == null ? null : entryPort(folder, entry);
        }
        String script = null;
        String exec = null;
        String configFile = "nodemon.json";
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) break;
            if (NODEMON_VALUE_OPTIONS.contains(w)) {
                String value = i + 1 < words.size() ? words.get(++i) : "";
                if (w.equals("--config")) configFile = value;
                if (w.equals("-x") || w.equals("--exec")) exec = value;
            } else if (!w.startsWith("-") && script == null) {
                script = w;
            }
        }
        Optional<ConfigObject> config = json(ProjectFiles.join(folder, configFile))
                .or(() -> packageJson(folder).map(p -> p.get("nodemonConfig")).filter(ConfigObject.class::isInstance).map(ConfigObject.class::cast));
        String configName = files.exists(ProjectFiles.join(folder, configFile)) ? ProjectFiles.join(folder, configFile)
                : ProjectFiles.join(folder, "package.json") + " nodemonConfig";
        if (config.isPresent()) {
            String port = config.flatMap(c -> string(c.get("env") instanceof ConfigObject env ? env.get("PORT") : null)).orElse(null);
            if (port != null && port.matches("\\d{1,5}")) return new Found(Integer.parseInt(port), "env.PORT " + port + " in " + configName, true);
            if (script == null) script = config.flatMap(c -> string(c.get("script"))).orElse(null);
            if (exec == null) exec = config.flatMap(c -> string(c.get("exec"))).orElse(null);
        }
        if (script == null && exec != null) {
            // nodemon runs an exec without a script as it is: no main, no index.js.
            script = ShellWords.split(exec).stream().filter(w -> SOURCE.matcher(w).matches()).findFirst().orElse(null);
        } else if (script == null) {
            script = packageJson(folder).flatMap(p -> string(p.get("main"))).orElse(null);
            if (script == null && files.exists(ProjectFiles.join(folder, "index.js"))) script = "index.js";
        }
        return script == null ? null : entryPort(folder, script);
    }

    /** Comments are stripped first: an example URL in one is not what the server does. */
    private Found entryPort(String folder, String entry) {
        String path = ProjectFiles.join(folder, entry.replaceFirst("^\\./", ""));
        Optional<String> text = files.read(path).map(Comments::stripJs);
        if (text.isEmpty()) return null;
        Matcher m = ENTRY_PORT.matcher(text.get());
        if (!m.find()) return null;
        boolean fallback = m.group(1) != null;
        return new Found(Integer.parseInt(fallback ? m.group(1) : m.group(2)), m.group().strip() + " in " + path, fallback);
    }

    private Optional<ConfigObject> packageJson(String folder) {
        return json(ProjectFiles.join(folder, "package.json"));
    }

    /** The file as a JSON object; empty when it is missing or not JSON (this is only evidence, not ours to report). */
    private Optional<ConfigObject> json(String path) {
        return files.read(path).flatMap(text -> {
            try {
                return Optional.of(ConfigFactory.parseString(text.replaceFirst("^\uFEFF", ""),
                        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)).root());
            } catch (ConfigException e) {
                return Optional.empty();
            }
        });
    }

    /** A string or a number as text ({@code "PORT": 4000} is as good as {@code "4000"}). */
    private static Optional<String> string(ConfigValue v) {
        if (v == null || v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) return Optional.empty();
        return Optional.of(String.valueOf(v.unwrapped()));
    }
}
