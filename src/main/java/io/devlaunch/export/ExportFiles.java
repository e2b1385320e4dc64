package io.devlaunch.export;

import io.devlaunch.DevLaunchException;
import io.devlaunch.manifest.DisplayPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writing an export: one file, or a folder of files. Nothing is replaced silently — every file
 * written is reported, and whether it replaced one; files of an earlier export that this one did
 * not write are named, not deleted.
 */
public final class ExportFiles {
    private ExportFiles() {}

    /** Writes {@code text} to {@code file} (its folders created), and says so. */
    public static void writeFile(Path file, String text, Consumer<String> report) {
        if (Files.isDirectory(file)) {
            // Export checks -o for a folder first; this is the race where one appeared since.
            throw DevLaunchException.badInput(DisplayPath.of(file) + " is a folder; name a file with -o, or a folder"
                    + " ending in / to write the file into it");
        }
        boolean existed = Files.exists(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw DevLaunchException.failed("cannot write " + DisplayPath.of(file) + ": " + e.getMessage()
                    + "; choose another place with -o");
        }
        report.accept("wrote " + DisplayPath.of(file) + (existed ? " (replaced the file that was there)" : ""));
    }

    /**
     * Writes each of {@code files} (name → text) into {@code dir}, creating it, and reports what
     * was written, what was replaced, and which files with the given endings it left alone.
     */
    public static void writeFolder(Path dir, Map<String, String> files, List<String> endings, Consumer<String> report) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw DevLaunchException.badInput(DisplayPath.of(dir) + " is a file; -o names a folder for this export");
        }
        List<String> replaced = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (var f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                if (Files.exists(p)) replaced.add(f.getKey());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw DevLaunchException.failed("cannot write into " + DisplayPath.of(dir) + ": " + e.getMessage()
                    + "; choose another folder with -o");
        }
        report.accept("wrote " + files.size() + " files to " + DisplayPath.of(dir) + "/: " + String.join(", ", files.keySet())
                + (replaced.isEmpty() ? "" : " (replaced: " + String.join(", ", replaced) + ")"));
        List<String> others = others(dir, files, endings);
        if (!others.isEmpty()) {
            report.accept("also in " + DisplayPath.of(dir) + "/ and not written now (an earlier export?): " + String.join(", ", others));
        }
    }

    private static List<String> others(Path dir, Map<String, String> written, List<String> endings) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !written.containsKey(n) && endings.stream().anyMatch(n::endsWith))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
