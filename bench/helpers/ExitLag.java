/*
 * Issue #16 harness (not a bench script): time from a child's last output line to NuProcess's
 * onExit, for N children of `sh -c "echo bye; exit 1"` one after another; an exit seen on
 * NuProcess's 100 ms dead-pool poll shows as a lag of ~100 ms. Run against target/classes:
 *   mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   javac -cp target/classes:$(cat /tmp/cp.txt) -d /tmp/h bench/helpers/ExitLag.java
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /tmp/h:target/classes:$(cat /tmp/cp.txt) ExitLag 60
 */
import io.devlaunch.process.*; import io.devlaunch.output.LineBatch;
import java.nio.file.Path; import java.util.*; import java.util.concurrent.*;
/** Time from a child's last output line to NuProcess reporting its exit, N children one after another. */
public class ExitLag {
  public static void main(String[] a) throws Exception {
    System.setProperty("com.zaxxer.nuprocess.threads", "1");
    System.setProperty("com.zaxxer.nuprocess.deadPoolPollMs", "100");
    int n = Integer.parseInt(a[0]);
    ProcessTree tree = ProcessTree.forThisOs();
    List<Double> lags = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long[] lastLine = {0}; CountDownLatch done = new CountDownLatch(1); long[] exitAt = {0};
      ChildProcess.start(List.of("/bin/sh", "-c", "echo bye; exit 1"), Path.of("/tmp"), System.getenv(), tree, new ChildProcess.Listener() {
        public void onOutput(ChildProcess c, boolean err, LineBatch l) { if (!err) lastLine[0] = System.nanoTime(); }
        public void onExit(ChildProcess c, int code) { exitAt[0] = System.nanoTime(); done.countDown(); }
      });
      done.await(5, TimeUnit.SECONDS);
      lags.add((exitAt[0] - lastLine[0]) / 1e6);
    }
    Collections.sort(lags);
    long late = lags.stream().filter(x -> x > 50).count();
    System.out.printf("n=%d median %.2f ms, p90 %.2f ms, max %.2f ms, over 50 ms: %d%n", n, lags.get(n / 2), lags.get(n * 9 / 10), lags.get(n - 1), late);
    System.exit(0);
  }
}
