/*
 * Issue #16 harness (not a bench script): CPU of a ReadinessProber's threads (% of one core) while
 * its TCP port stays closed, over S seconds after 1 s of warm-up. Built and run like ExitLag.java:
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /tmp/h:target/classes:$(cat /tmp/cp.txt) ProbeCost 3
 */
import io.devlaunch.health.*; import java.net.*; import java.util.concurrent.*; import java.lang.management.*;
/** CPU of a ReadinessProber's threads while its TCP port stays closed, over S seconds. */
public class ProbeCost {
  public static void main(String[] a) throws Exception {
    int secs = Integer.parseInt(a[0]);
    ServerSocket ss = new ServerSocket(0); int port = ss.getLocalPort(); ss.close();
    ScheduledExecutorService ex = Executors.newScheduledThreadPool(2, r -> { Thread t = new Thread(r, "probe"); t.setDaemon(true); return t; });
    ReadinessProber p = new ReadinessProber(new TcpCheck("127.0.0.1", port), ex, r -> {});
    p.start();
    Thread.sleep(1000);   // warm-up
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = probeCpu(mx); long t0 = System.nanoTime();
    Thread.sleep(secs * 1000L);
    long c1 = probeCpu(mx); long t1 = System.nanoTime();
    System.out.printf("probe threads: %.2f %% of a core%n", 100.0 * (c1 - c0) / (t1 - t0));
    System.exit(0);
  }
  static long probeCpu(ThreadMXBean mx) { long s = 0; for (ThreadInfo i : mx.dumpAllThreads(false, false)) if (i.getThreadName().equals("probe")) s += mx.getThreadCpuTime(i.getThreadId()); return s; }
}
