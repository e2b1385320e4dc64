package io.devlaunch.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.HealthSpec;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageJsonImportTest {
    @TempDir
    Path dir;

    @Test
    void viteAndExpressMonorepoWithConcurrentlyWildcard() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("vite-express", dir));
        Map<String, ServiceSpec> s = i.manifest().services();
        assertEquals(List.of("api", "web"), List.copyOf(s.keySet()), "named by what npm:dev:* matched");
        assertEquals("npm run dev:api", s.get("api").command().shellLine());
        assertEquals(List.of(3001), s.get("api").ports(), "PORT=3001 in api/package.json's dev script, followed through --workspace");
        assertEquals(List.of(5173), s.get("web").ports(), "Vite's default");
        assertEquals("http://localhost:5173/", s.get("web").health().orElseThrow().target());
        assertEquals(List.of("api"), s.get("web").dependsOn(), "web/vite.config.ts proxies /api to localhost:3001");
        assertTrue(i.has("depends-on = [api] # guessed: web/vite.config.ts names localhost:3001, which api owns"), i.text());
        assertTrue(i.has("project = \"shop\""), i.text());
        assertTrue(i.result().review().stream().anyMatch(r -> r.contains("--strictPort")), i.result().review().toString());
        assertEquals("package.json: scripts.dev runs 2 at once (concurrently \"npm:dev:*\")", i.result().found());
    }

    @Test
    void nextAppWithALoneDevScriptIsOneServiceRunByYarn() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("nextjs", dir));
        ServiceSpec app = i.manifest().services().get("my-next-app");
        assertEquals("yarn run dev", app.command().shellLine(), "yarn.lock → yarn");
        assertEquals(List.of(3000), app.ports());
        assertEquals(HealthSpec.Kind.TCP, app.health().orElseThrow().kind());
        assertTrue(i.text().contains("next dev compiles a page on its first request"), "why TCP\n" + i.text());
        assertEquals(1, i.manifest().services().size());
    }

    @Test
    void npmRunAllParallelWithPnpmAndAnApiUrlInTheCommand() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("npm-run-all", dir));
        Map<String, ServiceSpec> s = i.manifest().services();
        assertEquals(List.of("server", "client"), List.copyOf(s.keySet()));
        assertEquals("pnpm run dev:server", s.get("server").command().shellLine(), "pnpm-lock.yaml → pnpm");
        assertEquals(List.of(8000), s.get("server").ports());
        assertTrue(i.text().contains("/docs exists only for FastAPI apps"), "uvicorn gets TCP, and says why\n" + i.text());
        assertEquals(List.of(5173), s.get("client").ports());
        assertEquals(List.of("server"), s.get("client").dependsOn());
        assertTrue(i.has("project = \"fullstack\""), "the scope is dropped from @acme/fullstack\n" + i.text());
        assertTrue(i.result().review().stream().noneMatch(r -> r.contains("--strictPort")), "it has --strictPort already");
    }

    @Test
    void runPWithAQuotedGlobAsTheStartScript() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("run-p", dir));
        Map<String, ServiceSpec> s = i.manifest().services();
        assertEquals(List.of("css", "js", "serve"), List.copyOf(s.keySet()), "watch:* and not build:*");
        assertEquals("npm run watch:css", s.get("css").command().shellLine());
        assertEquals(List.of(8080), s.get("serve").ports());
        assertEquals("http://localhost:8080/", s.get("serve").health().orElseThrow().target());
        assertTrue(s.get("css").ports().isEmpty() && s.get("js").ports().isEmpty());
    }

    @Test
    void concurrentlyWithExplicitCommandsAndNames() throws Exception {
        TestFiles.write(dir.resolve("package.json"), """
                {"scripts": {
                  "dev": "concurrently -k -n API,WEB -c blue,green \\"npm run dev:api\\" \\"npm run dev:web\\"",
                  "dev:api": "nodemon --watch src src/index.js",
                  "dev:web": "next dev -p 3001"
                }}
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        Map<String, ServiceSpec> s = i.manifest().services();
        assertEquals(List.of("API", "WEB"), List.copyOf(s.keySet()), "concurrently's -n names");
        assertEquals(List.of(3001), s.get("WEB").ports());
        assertEquals("npm run dev:web", s.get("WEB").command().shellLine());
        assertTrue(s.get("API").ports().isEmpty());
    }

    @Test
    void commandsConcurrentlyRunsItselfKeepNodeModulesBinOnPath() throws Exception {
        TestFiles.write(dir.resolve("package.json"), """
                {"scripts": {"dev": "concurrently \\"tsc -w\\" \\"nodemon --watch dist dist/index.js --port $PORT\\""}}
                """);
        TestFiles.write(dir.resolve("pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of("tsc", "nodemon"), List.copyOf(i.manifest().services().keySet()));
        assertEquals("pnpm exec tsc -w", i.manifest().services().get("tsc").command().shellLine());
        assertEquals("nodemon --watch dist dist/index.js --port $PORT", i.manifest().services().get("nodemon").command().shellLine(),
                "shell syntax ($PORT) stays as written");
        assertTrue(i.result().review().stream().anyMatch(r -> r.startsWith("nodemon: runs `nodemon --watch dist dist/index.js --port $PORT` as written")),
                i.result().review().toString());
        assertEquals(List.of(5000), i.manifest().services().get("nodemon").ports(), "it listens on $PORT: devlaunch sets it");
    }

    @Test
    void npmRunAllSequentialPartsAreNotedNotStarted() throws Exception {
        TestFiles.write(dir.resolve("package.json"), """
                {"scripts": {
                  "dev": "npm-run-all clean --parallel dev:*",
                  "clean": "rimraf dist",
                  "dev:server": "flask --app app run",
                  "dev:client": "vite"
                }}
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of("server", "client"), List.copyOf(i.manifest().services().keySet()));
        assertEquals(List.of(5000), i.manifest().services().get("server").ports(), "flask run's default");
        assertTrue(i.result().review().contains("scripts.dev runs clean first, in sequence; if the services need it, add \"npm run clean\" to their before-start"),
                i.result().review().toString());
    }

    @Test
    void twoDevServersOnTheirDefaultPortClaimItOnce() throws Exception {
        TestFiles.write(dir.resolve("package.json"), """
                {"scripts": {"dev": "run-p dev:*", "dev:site": "next dev", "dev:docs": "next dev"}}
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of(3000), i.manifest().services().get("site").ports());
        assertEquals(List.of(), i.manifest().services().get("docs").ports());
        assertTrue(i.text().contains("# review: docs: port 3000 (Next.js's default port) is site's too; not written for docs"), i.text());
    }

    @Test
    void startIsTheFallbackAndAScriptOnPortEnvGetsAForemanPort() throws Exception {
        TestFiles.write(dir.resolve("package.json"), """
                {"name": "svc", "scripts": {"start": "node server.js --port $PORT", "test": "jest"}}
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        ServiceSpec svc = i.manifest().services().get("svc");
        assertEquals("npm run start", svc.command().shellLine());
        assertEquals(List.of(5000), svc.ports());
        assertEquals("5000", svc.env().get("PORT"));
        assertTrue(i.has("svc-port = 5000"), i.text());
    }

    @Test
    void nothingUsableSaysWhatItLookedFor() throws Exception {
        List<String> why = new ArrayList<>();
        assertTrue(Importer.run(dir, why).isEmpty());
        assertEquals(List.of("no Procfile.dev or Procfile", "no package.json"), why);

        TestFiles.write(dir.resolve("package.json"), "{\"scripts\": {\"build\": \"tsc\", \"test\": \"jest\"}}");
        why.clear();
        assertTrue(Importer.run(dir, why).isEmpty());
        assertTrue(why.get(1).contains("no \"dev\" or \"start\" script") && why.get(1).contains("its scripts: build, test"), why.toString());

        TestFiles.write(dir.resolve("package.json"), "{\"scripts\": {");
        why.clear();
        assertTrue(Importer.run(dir, why).isEmpty());
        assertTrue(why.get(1).startsWith("package.json is not valid JSON"), why.toString());
    }
}
