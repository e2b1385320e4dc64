package io.devlaunch.export;

import io.devlaunch.DevLaunchException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the fabric8-based renderer. The Kubernetes model is ~3,600 classes and 8 MB (jar entries
 * 1,155 → 4,799, 3.5 → 11.4 MB shaded); every command opens devlaunch.jar and reads its central
 * directory, about 1 ms more for the bigger one (bench/kubernetes_model.sh), and a dependency stays
 * out of the start-up path of commands that do not need it. So the build copies the model to {@code lib/}
 * beside the jar and only {@code export kubernetes} opens it, through a child class loader.
 *
 * <p>That loader defines the classes of {@code io.devlaunch.export.kubernetes} itself (child
 * first, from devlaunch.jar) so they link against the model in {@code lib/}; everything else — the
 * manifest records, {@link KubernetesRenderer} — comes from the parent, so objects pass between
 * the two. Where the model is already on the class path (tests, an IDE) no loader is made.
 */
final class KubernetesModelLoader {
    static final String IMPL = "io.devlaunch.export.kubernetes.Fabric8Renderer";
    private static final String IMPL_PACKAGE = "io.devlaunch.export.kubernetes.";
    private static final String MODEL_PROBE = "io.fabric8.kubernetes.api.model.Pod";

    private KubernetesModelLoader() {}

    static KubernetesRenderer renderer() {
        ClassLoader parent = KubernetesModelLoader.class.getClassLoader();
        try {
            if (present(parent)) return instantiate(Class.forName(IMPL, true, parent));
            Path jar = ownJar();
            Path lib = jar.resolveSibling("lib");
            List<URL> urls = new ArrayList<>();
            urls.add(jar.toUri().toURL());
            urls.addAll(modelJars(lib));
            // Never closed: the export is the last thing this process does, and classes load lazily.
            ClassLoader child = new ChildFirst(urls.toArray(URL[]::new), parent);
            return instantiate(Class.forName(IMPL, true, child));
        } catch (ReflectiveOperationException | LinkageError | MalformedURLException e) {
            throw DevLaunchException.failed("export kubernetes could not load the Kubernetes model (" + e
                    + "); rebuild devlaunch with `mvn -B -DskipTests package`, which puts it in target/lib/");
        }
    }

    private static boolean present(ClassLoader loader) {
        try {
            Class.forName(MODEL_PROBE, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static KubernetesRenderer instantiate(Class<?> c) throws ReflectiveOperationException {
        return (KubernetesRenderer) c.getDeclaredConstructor().newInstance();
    }

    private static Path ownJar() {
        try {
            return Path.of(KubernetesModelLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            throw DevLaunchException.failed("export kubernetes cannot tell where devlaunch.jar is (" + e + ")");
        }
    }

    private static List<URL> modelJars(Path lib) throws MalformedURLException {
        List<Path> jars;
        try (Stream<Path> s = Files.list(lib)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            jars = List.of();
        }
        if (jars.isEmpty()) {
            throw DevLaunchException.failed("export kubernetes needs the Kubernetes model jars in " + lib + File.separator
                    + ", and there are none; rebuild devlaunch with `mvn -B -DskipTests package` (bin/devlaunch does"
                    + " it when the sources change), or keep lib/ next to devlaunch.jar when you copy it");
        }
        List<URL> urls = new ArrayList<>();
        for (Path j : jars) urls.add(j.toUri().toURL());
        return urls;
    }

    /** Child first for the renderer's own package, parent first for the rest. */
    private static final class ChildFirst extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        ChildFirst(URL[] urls, ClassLoader parent) {
            super("devlaunch-kubernetes-model", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(IMPL_PACKAGE)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }
}
