package io.devlaunch.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader that does not keep up slows its writer through the proxy, which never buffers more than
 * one buffer per direction: without back-pressure the proxy would read the writer's 200 MB into
 * memory as fast as the writer can send.
 */
class BackPressureTest {
    private static final long TOTAL = 200L * 1024 * 1024;
    // Kernel socket buffers on the two legs may hold tens of MB (autotuned); the proxy must not.
    private static final long STALL_BOUND = 64L * 1024 * 1024;
    // A prime-length random block: a dropped or repeated chunk misaligns every byte after it.
    private static final byte[] BLOCK = SpliceTest.random(1_000_003, 42);

    private ProxyLoop loop;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        loop = ProxyLoop.start();
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
        loop.closed().get(5, TimeUnit.SECONDS);
        pool.shutdownNow();
    }

    @Test
    void aSlowClientSlowsTheServersWritesAndEveryByteArrives() throws Exception {
        AtomicLong written = new AtomicLong();
        try (TestServer server = new TestServer(0, s -> write(s, written))) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("svc", List.of(pub));
            proxy.forwardTo(Map.of(pub, server.port()));
            try (Socket c = Sockets.connect(pub)) {
                // The client reads nothing yet: the server must come to a stop, well short of 200 MB.
                awaitStalled(written);
                assertTrue(written.get() < STALL_BOUND, "the server got " + written.get() + " bytes out to a client that read none");
                assertTrue(loop.bufferedBytes() <= BufferPool.BUFFER_SIZE, "buffered " + loop.bufferedBytes());
                assertEquals(TOTAL, readAndCheck(c.getInputStream()));
                assertEquals(TOTAL, written.get());
            }
        }
    }

    @Test
    void aServerThatDoesNotReadSlowsTheClientsWritesAndEveryByteArrives() throws Exception {
        AtomicLong read = new AtomicLong();
        CompletableFuture<Void> startReading = new CompletableFuture<>();
        try (TestServer server = new TestServer(0, s -> {
            startReading.join();
            read.set(readAndCheck(s.getInputStream()));
        })) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("svc", List.of(pub));
            proxy.forwardTo(Map.of(pub, server.port()));
            try (Socket c = Sockets.connect(pub)) {
                AtomicLong written = new AtomicLong();
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    try {
                        write(c, written);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, pool);
                awaitStalled(written);
                assertTrue(written.get() < STALL_BOUND, "the client got " + written.get() + " bytes out to a server that read none");
                assertTrue(loop.bufferedBytes() <= BufferPool.BUFFER_SIZE, "buffered " + loop.bufferedBytes());
                startReading.complete(null);
                writing.get(20, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> read.get() == TOTAL);
            }
        }
    }

    /** Writes TOTAL bytes of the block pattern, counting, then shuts output. */
    private static void write(Socket s, AtomicLong written) throws IOException {
        OutputStream out = s.getOutputStream();
        long pos = 0;
        while (pos < TOTAL) {
            int off = (int) (pos % BLOCK.length);
            int n = (int) Math.min(Math.min(BLOCK.length - off, 64 * 1024), TOTAL - pos);
            out.write(BLOCK, off, n);
            pos += n;
            written.set(pos);
        }
        s.shutdownOutput();
    }

    /** Reads to EOF, checking each byte against the pattern; returns how many arrived. */
    private static long readAndCheck(InputStream in) throws IOException {
        byte[] buf = new byte[256 * 1024];
        long pos = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != BLOCK[(int) ((pos + i) % BLOCK.length)]) throw new AssertionError("byte " + (pos + i) + " differs");
            }
            pos += n;
        }
        return pos;
    }

    /** Until the writer's count stops moving between two polls: it is blocked on a full pipe. */
    private static void awaitStalled(AtomicLong written) {
        long[] last = {-1};
        await("the writer blocked").pollInSameThread().pollInterval(Duration.ofMillis(150)).atMost(Duration.ofSeconds(5)).until(() -> {
            long now = written.get();
            boolean stalled = now > 0 && now == last[0];
            last[0] = now;
            return stalled;
        });
    }
}
