package io.devlaunch.proxy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A proxy test's selector thread: started before each test, closed (and awaited) after it. */
abstract class LoopTest {
    protected ProxyLoop loop;

    @BeforeEach
    void startLoop() throws IOException {
        loop = ProxyLoop.start();
    }

    @AfterEach
    void stopLoop() throws Exception {
        loop.close();
        loop.closed().get(5, TimeUnit.SECONDS);
    }
}
