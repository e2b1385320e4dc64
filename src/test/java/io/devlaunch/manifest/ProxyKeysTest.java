package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyKeysTest {
    @TempDir
    Path dir;

    private Manifest load(String text) throws ManifestException {
        return ManifestLoader.load(TestFiles.write(dir.resolve("launcher.conf"), text));
    }

    @Test
    void proxyIsOffUnlessSetAndItsTimeoutDefaultsToTheHealthTimeout() throws Exception {
        Manifest m = load("""
                defaults { proxy = true }
                services {
                  api { command = x, port = 8000, health { http = "http://127.0.0.1:8000/", timeout = 20s } }
                  web { command = y, port = 5173, proxy = false, proxy-timeout = 3s }
                  db  { command = z, port = 5432, proxy-timeout = 5s }
                }
                """);
        assertEquals(new ServiceSpec.Proxy(true, Duration.ofSeconds(20)), m.service("api").proxy());
        assertFalse(m.service("web").proxy().enabled());
        assertEquals(new ServiceSpec.Proxy(true, Duration.ofSeconds(5)), m.service("db").proxy());
    }

    @Test
    void aProxyWithoutAPortIsAManifestErrorThatSaysWhy() {
        ManifestException e = assertThrows(ManifestException.class, () -> load("""
                services {
                  worker {
                    command = x
                    proxy = true
                  }
                }
                """));
        String msg = e.problems().toString();
        assertTrue(msg.contains("launcher.conf:4") && msg.contains("proxy needs port or ports"), msg);
    }
}
