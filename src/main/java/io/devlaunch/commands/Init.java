package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.init.Importer;
import io.devlaunch.manifest.ManifestException;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.output.Palette;
import io.devlaunch.output.Terminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** {@code devlaunch init}: launcher.conf from the Procfile or package.json in this folder, checked by loading it before it is kept. */
public final class Init {
    public static final String FILE = "launcher.conf";

    private final Path dir;
    private final boolean force;
    private final Terminal t;

    public Init(Path dir, boolean force, Terminal terminal) {
        this.dir = dir;
        this.force = force;
        this.t = terminal;
    }

    public int run() {
        Path target = dir.resolve(FILE);
        if (Files.exists(target) && !force) {
            throw DevLaunchException.failed(target + " already exists; devlaunch init never overwrites a manifest."
                    + " Move it away, or run `devlaunch init --force` to replace it.");
        }
        List<String> lookedFor = new ArrayList<>();
        Importer.Result r = Importer.run(dir, lookedFor).orElseThrow(() -> DevLaunchException.failed(
                "nothing to make a manifest from in " + dir + ": " + String.join("; ", lookedFor) + ".\n"
                        + "  devlaunch init reads a Procfile.dev or Procfile (`name: command` lines), or package.json scripts"
                        + " (a \"dev\" script, one that runs several with concurrently / npm-run-all -p / run-p, or \"start\")."
                        + "\n  Without those, write launcher.conf by hand: services { web { command = \"npm run dev\" } }"));
        write(target, r.text());
        report(r);
        return ExitCodes.OK;
    }

    /** Written beside the target, loaded as `check` would, then moved into place: a draft that does not load is never kept. */
    private void write(Path target, String text) {
        Path temp = dir.resolve(".launcher.conf.init-" + ProcessHandle.current().pid() + ".conf");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                ManifestLoader.load(temp);
            } catch (ManifestException e) {
                throw DevLaunchException.failed("the manifest devlaunch init drafted does not load — a bug in init, please report it"
                        + " with your Procfile/package.json. Its problems: " + e.getMessage() + "\n--- draft ---\n" + text);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw DevLaunchException.failed("cannot write " + target + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing was left there to clean, or it is gone already
            }
        }
    }

    private void report(Importer.Result r) {
        String tag = t.paint("devlaunch", Palette.Colour.BOLD) + " | ";
        t.out().println(tag + "read " + r.found());
        t.out().println(tag + "wrote " + FILE + " with " + r.services().size() + (r.services().size() == 1 ? " service: " : " services: ")
                + String.join(", ", r.services()));
        if (!r.guessed().isEmpty()) {
            t.out().println("guessed (marked \"guessed\" in the file):");
            for (String g : r.guessed()) t.out().println("  " + g);
        }
        if (!r.review().isEmpty()) {
            t.out().println("review:");
            for (String g : r.review()) t.out().println("  " + g);
        }
        t.out().println("next: read " + FILE + ", then run `devlaunch check` and `devlaunch up`");
    }
}
