package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.export.ComposeExport;
import io.devlaunch.export.ExportFiles;
import io.devlaunch.export.KubernetesExport;
import io.devlaunch.export.ProgramLookup;
import io.devlaunch.export.SystemdExport;
import io.devlaunch.manifest.DisplayPath;
import io.devlaunch.manifest.Manifest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code devlaunch export FORMAT [-o PATH]}: the manifest as another platform's files. Compose
 * (and Kubernetes) print to standard output without {@code -o}, and then every message goes to
 * standard error so {@code > compose.yaml} captures the file alone; systemd writes a folder of
 * units, {@value #SYSTEMD_DEFAULT_DIR}/ in the current folder unless {@code -o DIR} says otherwise.
 */
public final class Export {
    public static final List<String> FORMATS = List.of("compose", "kubernetes", "systemd");
    public static final String SYSTEMD_DEFAULT_DIR = "devlaunch-systemd";
    /** {@code -o DIR} naming an existing folder for compose: the file is written in it under this name. */
    public static final String COMPOSE_FILE = "compose.yaml";

    private final Manifest manifest;
    private final Path cwd;
    private final PrintStream out;
    private final PrintStream err;

    public Export(Manifest manifest, Path cwd, PrintStream out, PrintStream err) {
        this.manifest = manifest;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
    }

    /** Exit 2 for a format devlaunch does not export to; checked before the manifest is read. */
    public static void checkFormat(String format) {
        if (!FORMATS.contains(format)) {
            throw DevLaunchException.badInput("cannot export to '" + format + "'; FORMAT is one of " + String.join(", ", FORMATS));
        }
    }

    /** @param output {@code -o} as typed (a trailing {@code /} names a folder), or null */
    public int run(String format, String output) {
        checkFormat(format);
        Path o = output == null ? null : cwd.resolve(output);
        switch (format) {
            case "compose" -> compose(o, output != null && output.endsWith("/"));
            case "systemd" -> systemd(o);
            case "kubernetes" -> kubernetes(o);
            default -> throw new IllegalStateException(format);
        }
        return ExitCodes.OK;
    }

    private void compose(Path output, boolean folder) {
        Path file = output != null && (folder || Files.isDirectory(output)) ? output.resolve(COMPOSE_FILE) : output;
        Path fileDir = file == null ? cwd : file.toAbsolutePath().getParent();
        String text = new ComposeExport(manifest, fileDir).render();
        if (file == null) {
            out.print(text);
            out.flush();
            return;
        }
        ExportFiles.writeFile(file, text, say(out));
        say(out).accept("check it with: docker-compose -f " + DisplayPath.of(file) + " config -q");
    }

    /** One file per object in {@code -o DIR} ({@code NAME-KIND.yaml}), else one YAML stream on standard output. */
    private void kubernetes(Path dir) {
        KubernetesExport k = new KubernetesExport(manifest);
        if (dir == null) {
            out.print(k.stream());
            out.flush();
            return;
        }
        ExportFiles.writeFolder(dir, k.files(), List.of(".yaml"), say(out));
        say(out).accept("apply: kubectl apply -f " + DisplayPath.of(dir) + " (try it first: kubectl apply --dry-run=server -f "
                + DisplayPath.of(dir) + ")");
    }

    private void systemd(Path output) {
        Path dir = output != null ? output : cwd.resolve(SYSTEMD_DEFAULT_DIR);
        SystemdExport.Units units = new SystemdExport(manifest, ProgramLookup.onPath(System.getenv("PATH"))).render();
        for (String note : units.notes()) say(out).accept("note: " + note);
        ExportFiles.writeFolder(dir, units.files(), List.of(".service", ".target"), say(out));
        String d = DisplayPath.of(dir);
        String files = String.join(" ", units.files().keySet().stream().map(f -> d + "/" + f).toList());
        say(out).accept("install and start (user units): cp " + files + " ~/.config/systemd/user/"
                + " && systemctl --user daemon-reload && systemctl --user start " + units.target());
        // Without --user: that needs XDG_RUNTIME_DIR, which a plain shell (ssh, su, a container) often lacks; the system
        // manager's verify reads the same files and passes or fails them alike, as any user.
        say(out).accept("check: systemd-analyze verify " + d + "/*; stop: systemctl --user stop " + units.target()
                + "; start at login: systemctl --user enable " + units.target() + "; logs: journalctl --user -u NAME");
    }

    private static Consumer<String> say(PrintStream to) {
        return line -> to.println("devlaunch | " + line);
    }
}
