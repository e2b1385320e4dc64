package io.devlaunch.process;

import io.devlaunch.Os;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a program the way the child's shell would: on the child's PATH, not the JVM's (NuProcess
 * looks {@code argv[0]} up on the JVM's own PATH, so we resolve it ourselves first).
 */
public final class Executables {
    private Executables() {}

    /**
     * @param program the program as written: a bare name is looked up on {@code path}; anything with a
     *                separator is taken relative to {@code dir}
     */
    public static Optional<Path> find(String program, String path, Path dir) {
        if (program.contains("/") || program.contains(File.separator)) {
            return candidates(dir.resolve(program)).stream().filter(Executables::isExecutable).findFirst();
        }
        if (path == null) return Optional.empty();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            for (Path c : candidates(dir.resolve(entry).resolve(program))) {
                if (isExecutable(c)) return Optional.of(c.normalize());
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates(Path p) {
        if (!Os.isWindows()) return List.of(p);
        String ext = System.getenv().getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD");
        java.util.ArrayList<Path> out = new java.util.ArrayList<>(List.of(p));
        for (String e : ext.split(";")) out.add(p.resolveSibling(p.getFileName() + e.toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    private static boolean isExecutable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
