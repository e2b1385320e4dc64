import java.util.zip.ZipFile;

/** Microseconds to open a jar and find its manifest, as the first thing a fresh JVM does (bench/kubernetes_model.sh). */
public class ZipOpen {
    public static void main(String[] args) throws Exception {
        long t = System.nanoTime();
        try (ZipFile z = new ZipFile(args[0])) {
            z.getEntry("META-INF/MANIFEST.MF");
        }
        System.out.println((System.nanoTime() - t) / 1000);
    }
}
