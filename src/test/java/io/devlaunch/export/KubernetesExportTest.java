package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.DevLaunchException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes mappings, on the text of the shop fixture (db tcp, migrate one-shot, backend http, frontend shell). */
class KubernetesExportTest {
    @TempDir
    Path dir;

    private KubernetesExport shop;

    private KubernetesExport shop() {
        if (shop == null) shop = new KubernetesExport(ExportFixture.load(ExportFixture.copy("shop", dir)));
        return shop;
    }

    private static String object(KubernetesExport k, String file) {
        String text = k.files().get(file);
        assertTrue(text != null, "no " + file + " in " + k.files().keySet());
        return text;
    }

    @Test
    void theShopFixtureExportsAsCheckedIn() {
        assertEquals(ExportFixture.expected("shop-expected/kubernetes.expected.yaml"), shop().stream());
    }

    @Test
    void oneFilePerObjectInApplyOrder() {
        assertEquals(List.of("shop-job-waiter-serviceaccount.yaml", "shop-job-waiter-role.yaml",
                "shop-job-waiter-rolebinding.yaml", "db-deployment.yaml", "db-service.yaml", "migrate-job.yaml",
                "backend-env-configmap.yaml", "backend-deployment.yaml", "backend-service.yaml",
                "frontend-deployment.yaml", "frontend-service.yaml"), List.copyOf(shop().files().keySet()));
    }

    @Test
    void aTcpCheckIsATcpSocketProbeTimedFromTheHealthTimeout() {
        String db = object(shop(), "db-deployment.yaml");
        assertTrue(db.contains("""
                        livenessProbe:
                          failureThreshold: 15
                          periodSeconds: 2
                          successThreshold: 1
                          tcpSocket:
                            port: 5432
                """), db);
        assertTrue(db.contains("readinessProbe:\n          failureThreshold: 3\n"), db);
        assertTrue(db.contains("terminationGracePeriodSeconds: 10"), "stop-timeout 10s:\n" + db);
        assertTrue(db.contains("# stop-signal INT:"), "a stop signal Kubernetes cannot set is said:\n" + db);
    }

    @Test
    void aOneShotTaskIsAJobThatRunsOnceAfterItsDependency() {
        String job = object(shop(), "migrate-job.yaml");
        assertTrue(job.startsWith("# ") && job.contains("kind: Job\n"), job);
        assertTrue(job.contains("backoffLimit: 0"), job);
        assertTrue(job.contains("restartPolicy: Never"), job);
        assertFalse(job.contains("Probe"), "a Job has no probes:\n" + job);
        assertTrue(job.contains("- until nc -z -w 2 db 5432; do echo waiting for db:5432; sleep 2; done"), job);
        assertTrue(job.contains("value: postgres://shop:dev@db:5432/shop"), job);
        assertFalse(shop().files().containsKey("migrate-service.yaml"), "no port, no Service");
    }

    @Test
    void theBackendProbesHttpWaitsForTheJobAndRunsBeforeStartInItsImage() {
        String b = object(shop(), "backend-deployment.yaml");
        assertTrue(b.contains("""
                          httpGet:
                            path: /health
                            port: 8000
                            scheme: HTTP
                """), b);
        assertTrue(b.contains("""
                      - args:
                        - wait
                        - --for=condition=complete
                        - --timeout=600s
                        - job/migrate
                        image: registry.k8s.io/kubectl:v1.33.0
                        name: wait-for-migrate
                """), b);
        assertTrue(b.contains("serviceAccountName: shop-job-waiter"), b);
        assertTrue(b.contains("devlaunch.io/waits-for: \"db (Service db:5432 ready), migrate (Job complete)\""), b);
        int before = b.indexOf("name: before-start");
        assertTrue(before > b.indexOf("name: wait-for-migrate"), "before-start runs after the waits:\n" + b);
        assertTrue(b.substring(b.lastIndexOf("- command:", before), before).contains("- collectstatic"), b);
        assertTrue(b.contains("        - --port\n        - \"8000\"\n"), "a number-like argument stays a string:\n" + b);
        assertTrue(b.contains("envFrom:\n        - configMapRef:\n            name: backend-env"), b);
        assertTrue(b.contains("value: say \"hi\" for $5 at 100% off"), b);
        assertTrue(b.contains("# DATABASE_URL: postgres://shop:dev@127.0.0.1:5432/shop → postgres://shop:dev@db:5432/shop"),
                "the rewrite is said:\n" + b);
        String cm = object(shop(), "backend-env-configmap.yaml");
        assertTrue(cm.contains("data:\n  SECRET_KEY: dev-only"), cm);
        String svc = object(shop(), "backend-service.yaml");
        assertTrue(svc.contains("- name: port-8000\n    port: 8000\n    protocol: TCP\n    targetPort: 8000"), svc);
        assertTrue(svc.contains("type: ClusterIP"), svc);
    }

    @Test
    void aStringCommandRunsThroughTheShell() {
        String f = object(shop(), "frontend-deployment.yaml");
        assertTrue(f.contains("""
                      - command:
                        - /bin/sh
                        - -c
                        - npm run dev -- --host 0.0.0.0 --port 5173
                """), f);
        assertTrue(f.contains("value: http://127.0.0.1:8000") && f.contains("# VITE_API_URL kept on loopback: the browser reads it"),
                "the browser, outside the cluster, reads VITE_API_URL:\n" + f);
        assertTrue(f.contains("workingDir: /app/frontend"), f);
        assertFalse(f.contains("serviceAccountName"), "waits on no Job, needs no account:\n" + f);
    }

    @Test
    void everyServiceWithoutAnImageIsNamedAndTheExitIs2() {
        var m = ExportFixture.manifest(dir, """
                services {
                  api { command = "serve", port = 8000 }
                  worker { command = "work" }
                  db { command = "pg", image = "postgres:16", port = 5432 }
                }
                """);
        DevLaunchException e = assertThrows(DevLaunchException.class, () -> new KubernetesExport(m));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("export kubernetes") && e.getMessage().contains("api (")
                && e.getMessage().contains("worker (") && !e.getMessage().contains("db ("), e.getMessage());
    }

    @Test
    void commandAndLogChecksAndNamesKubernetesWouldRefuse() {
        var m = ExportFixture.manifest(dir, """
                project = "My Shop"
                services {
                  Cache_1 { command = ["redis-server"], image = "redis:7", port = 6379
                            health { command = ["redis-cli", "ping"], timeout = 5s } }
                  worker { command = "work", image = "w:1", depends-on = [Cache_1], restart = always
                           env { REDIS = "redis://localhost:6379/0" }
                           health { log = "ready", timeout = 10s } }
                }
                """);
        KubernetesExport k = new KubernetesExport(m);
        String cache = object(k, "cache-1-deployment.yaml");
        assertTrue(cache.contains("exec:\n            command:\n            - redis-cli\n            - ping"), cache);
        assertTrue(cache.contains("app.kubernetes.io/part-of: My-Shop"), cache);
        assertTrue(cache.contains("Renamed to Kubernetes names: Cache_1 → cache-1"), cache);
        String w = object(k, "worker-deployment.yaml");
        assertTrue(w.contains("value: redis://cache-1:6379/0"), w);
        assertTrue(w.contains("# the log health check (ready) has no Kubernetes probe; no probes"), w);
        assertFalse(w.contains("Probe:"), w);
        assertTrue(w.contains("name: wait-for-cache-1"), w);
        assertFalse(k.files().containsKey("worker-service.yaml"), "no port, no Service");
        assertFalse(k.files().keySet().stream().anyMatch(f -> f.contains("job-waiter")), "no Job, no RBAC");
    }

    @Test
    void manifestTextInCommentsAndValuesCannotBreakTheYaml() {
        KubernetesExport k = new KubernetesExport(ExportFixture.manifest(dir, """
                services {
                  api { image = "x", command = ["a"], port = 8000 }
                  web {
                    image = "x", command = ["w"], health { log = "ready\\u0085kind: Secret" }
                    env { API = "http://127.0.0.1:8000/\\u0085kind: Secret\\u0007" }
                  }
                }
                """));
        String yaml = k.stream();
        for (char c : yaml.toCharArray()) {
            boolean bad = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff';
            assertFalse(bad, "raw character " + (int) c + " in\n" + yaml);
        }
        assertTrue(yaml.contains("# API: http://127.0.0.1:8000/ kind: Secret  → http://api:8000/ kind: Secret "), yaml);
        assertTrue(yaml.contains("# the log health check (ready kind: Secret) has no Kubernetes probe"), yaml);
        assertTrue(yaml.contains("value: \"http://api:8000/\\Nkind: Secret\\a\""), "Jackson escapes NEL and BEL in values\n" + yaml);
    }
}
