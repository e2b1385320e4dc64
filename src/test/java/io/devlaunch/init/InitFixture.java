package io.devlaunch.init;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestException;
import io.devlaunch.manifest.ManifestLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fixture project from src/test/resources/init copied into a temp folder, imported, and the result loaded as `check` would. */
final class InitFixture {
    private InitFixture() {}

    record Imported(Importer.Result result, String text, Manifest manifest) {
        /** The written text with runs of spaces folded, so assertions read like the file without its alignment. */
        boolean has(String line) {
            return text.lines().map(l -> l.strip().replaceAll(" {2,}", " ")).anyMatch(l -> l.equals(line) || l.startsWith(line + " #"));
        }
    }

    static Path copy(String name, Path to) {
        return io.devlaunch.testing.ResourceTree.copy("/init/" + name, to);
    }

    static Imported importFrom(Path dir) {
        List<String> why = new ArrayList<>();
        Importer.Result r = Importer.run(dir, why).orElseThrow(() -> new AssertionError("nothing imported: " + why));
        try {
            Path file = dir.resolve("launcher.conf");
            Files.writeString(file, r.text(), StandardCharsets.UTF_8);
            return new Imported(r, r.text(), ManifestLoader.load(file));
        } catch (ManifestException e) {
            throw new AssertionError("the written manifest does not load: " + e.getMessage() + "\n" + r.text(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
