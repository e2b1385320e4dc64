package io.devlaunch.init;

/** The dev servers {@code init} recognises in a command, with what each does by default. */
enum Framework {
    UVICORN("uvicorn", 8000, false, null,
            "TCP check: /docs exists only for FastAPI apps that keep docs_url — point health.http at your own health route if you have one"),
    FLASK("Flask (flask run)", 5000, false, null, "TCP check: Flask has no standard health route"),
    DJANGO("Django runserver", 8000, false, null, "TCP check: Django has no standard health route (and / may answer 404)"),
    GUNICORN("gunicorn", 8000, true, null, "TCP check: gunicorn serves whatever the app routes"),
    /** Rails' generated config/puma.rb reads PORT (default 3000); puma alone listens on 9292. */
    PUMA("puma", 9292, true, null, "TCP check: puma serves whatever the app routes"),
    VITE("Vite", 5173, false, "/", "GET / — Vite's dev server always serves index.html there"),
    VITE_PREVIEW("Vite preview", 4173, false, "/", "GET / — vite preview serves the built index.html there"),
    NEXT("Next.js", 3000, true, null, "TCP check: / may not exist, and next dev compiles a page on its first request"),
    RAILS("Rails server", 3000, true, null, "TCP check: no /up route seen in config/routes.rb"),
    HTTP_SERVER("python http.server", 8000, false, "/", "GET / — http.server lists the folder there"),
    /** react-scripts start: $PORT, else 3000. */
    CRA("Create React App", 3000, true, "/", "GET / — react-scripts' dev server serves index.html there");

    final String label;
    final int defaultPort;
    /** Listens on {@code $PORT} when it is set and the command names no port (foreman's contract with web processes). */
    final boolean readsPortEnv;
    /** The path of an HTTP check that is reliably there, or null for a TCP check. */
    final String healthPath;
    final String healthWhy;

    Framework(String label, int defaultPort, boolean readsPortEnv, String healthPath, String healthWhy) {
        this.label = label;
        this.defaultPort = defaultPort;
        this.readsPortEnv = readsPortEnv;
        this.healthPath = healthPath;
        this.healthWhy = healthWhy;
    }
}
