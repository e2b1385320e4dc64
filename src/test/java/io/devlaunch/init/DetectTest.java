package io.devlaunch.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectTest {
    @TempDir
    Path dir;

    private Detection of(String command) {
        return new Detect(new ProjectFiles(dir)).of(command);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "uvicorn main:app --reload --port 8000 | 8000",
            "python -m uvicorn main:app --port=8001 | 8001",
            "next dev -p 3002 | 3002",
            "PORT=3003 node server.js | 3003",
            "python manage.py runserver 0.0.0.0:8004 | 8004",
            "python manage.py runserver 8005 | 8005",
            "gunicorn app:app -b 127.0.0.1:8006 | 8006",
            "gunicorn app:app --bind=0.0.0.0:8007 | 8007",
            "bundle exec rails server --port 3008 | 3008",
            "python3 -m http.server 8009 --bind 127.0.0.1 | 8009",
    })
    void aPortTheCommandNames(String command, int port) {
        assertEquals(port, of(command).port(), command);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "flask --app app run --debug | FLASK | 5000",
            "python manage.py runserver | DJANGO | 8000",
            "vite | VITE | 5173",
            "npx vite preview | VITE_PREVIEW | 4173",
            "next dev | NEXT | 3000",
            "bin/rails s | RAILS | 3000",
            "fastapi dev main.py | UVICORN | 8000",
            "bundle exec puma -C config/puma.rb | PUMA | 9292",
    })
    void aFrameworkAndItsDefaultPort(String command, Framework fw, int port) {
        Detection d = of(command);
        assertEquals(fw, d.framework(), command);
        assertNull(d.port(), "none named");
        assertEquals(port, d.listenPortWithoutEnv());
    }

    @Test
    void notPorts() {
        assertNull(of("mkdir -p dist").port());
        assertNull(of("npm-run-all -p dev:*").port());
        assertNull(of("docker run -p 8080:80 nginx").port(), "a mapping, not a port this process owns");
        assertNull(of("vite build").framework());
        assertNull(of("bin/rails tailwindcss:watch").framework());
    }

    @Test
    void portEnvIsSeenInEveryForm() {
        assertTrue(of("gunicorn app:app --bind 0.0.0.0:$PORT").usesPortEnv());
        assertTrue(of("node server.js --port ${PORT}").usesPortEnv());
        assertTrue(!of("node server.js --port 3000").usesPortEnv());
    }

    @Test
    void followsCdAndPackageManagersIntoSubfolders() throws Exception {
        TestFiles.write(dir.resolve("web/package.json"), "{\"scripts\": {\"dev\": \"vite --port 5175\"}}");
        Detection d = of("cd web && npm run dev");
        assertEquals(Framework.VITE, d.framework());
        assertEquals(5175, d.port());
        assertEquals("web", d.folder());
        assertEquals("web", of("npm --prefix web run dev").folder());
        assertEquals("web", of("yarn --cwd web dev").folder());
        assertEquals(5175, of("pnpm -C web run dev").port());
    }
}
