package io.devlaunch.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child's environment: devlaunch's own, then live-output defaults ({@code PYTHONUNBUFFERED=1},
 * {@code FORCE_COLOR=1} when our console is coloured), then each env-file, then the manifest's
 * {@code env} — later sources win.
 */
public final class Environment {
    private Environment() {}

    public static Map<String, String> build(Map<String, String> parent, List<Path> envFiles, Map<String, String> env,
                                            boolean colour) throws EnvFileException {
        Map<String, String> out = new LinkedHashMap<>(parent);
        out.putIfAbsent("PYTHONUNBUFFERED", "1");
        if (colour) out.putIfAbsent("FORCE_COLOR", "1");
        for (Path f : envFiles) out.putAll(readDotEnv(f));
        out.putAll(env);
        return out;
    }

    /** Parses a dotenv file: {@code KEY=value}, optional {@code export}, quotes, {@code #} comments. */
    public static Map<String, String> readDotEnv(Path file) throws EnvFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new EnvFileException(file + ": cannot read env-file (" + e.getMessage() + "); create it or remove env-file");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("export ")) line = line.substring(7).strip();
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).strip().matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new EnvFileException(file + ":" + (i + 1) + ": expected NAME=value, got '" + lines.get(i) + "'");
            }
            out.put(line.substring(0, eq).strip(), value(line.substring(eq + 1).strip()));
        }
        return out;
    }

    private static String value(String raw) {
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\""))) {
            return raw.substring(1, raw.length() - 1).replace("\\n", "\n").replace("\\\"", "\"");
        }
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.substring(1, raw.length() - 1);
        int comment = raw.indexOf(" #");
        return comment >= 0 ? raw.substring(0, comment).strip() : raw;
    }

    /** An env-file that cannot be used; the message says which and where. */
    public static final class EnvFileException extends Exception {
        public EnvFileException(String message) {
            super(message);
        }
    }
}
