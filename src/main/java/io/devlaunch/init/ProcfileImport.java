package io.devlaunch.init;

import java.util.Optional;

/**
 * A Procfile → a draft, the way foreman runs it: every process a service, {@code PORT} handed out
 * 5000, 5100, … in file order (written once under {@code vars}), {@code .env} loaded for all,
 * commands run through the shell as written.
 */
final class ProcfileImport {
    static final int FOREMAN_BASE_PORT = 5000;
    static final int FOREMAN_PORT_STEP = 100;
    /** The one process Heroku routes HTTP to; it must bind $PORT or the platform kills it. */
    private static final String HEROKU_WEB = "web";

    private ProcfileImport() {}

    static Draft read(ProjectFiles files, String fileName, String text) {
        Procfile.Parsed parsed = Procfile.parse(text, fileName);
        Draft d = new Draft(fileName);
        d.review.addAll(parsed.notes());
        d.summary = parsed.entries().size() + (parsed.entries().size() == 1 ? " process" : " processes");
        Detect detect = new Detect(files);
        int index = 0;
        boolean handedOut = false;
        boolean seen = false;
        boolean pinned = false;
        for (Procfile.Entry e : parsed.entries()) {
            Detection det = detect.of(e.command());
            Optional<String[]> local = LocalPrograms.resolve(e.command(), files, "");
            DraftService s = new DraftService(e.name(), local.map(l -> l[0]).orElse(e.command()), fileName + ":" + e.line(), det);
            local.ifPresent(l -> s.review.add(s.name + ": runs " + l[1] + " from the project's own environment (it is not on PATH);"
                    + " if you activate that environment first, the bare name works too"));
            int foremanPort = FOREMAN_BASE_PORT + FOREMAN_PORT_STEP * index++;
            s.portVar = e.name() + "-port";
            s.envPortVar = s.portVar;
            Framework fw = det.framework();
            if (det.port() != null) {
                d.vars.put(s.portVar, det.port());
                s.port = det.port();
                seen = true;
                pinned |= !det.usesPortEnv();
                s.portWhy = det.usesPortEnv() ? "it listens on $PORT, set from vars." + s.portVar + "; without it, " + det.portSource()
                        : "named in the command, " + det.portSource() + " — change it there too if you change vars." + s.portVar;
            } else {
                d.vars.put(s.portVar, foremanPort);
                handedOut = true;
                if (det.usesPortEnv() || fw != null && fw.readsPortEnv || fw == null && e.name().equals(HEROKU_WEB)) {
                    s.port = foremanPort;
                    s.portWhy = det.usesPortEnv() ? "the command listens on $PORT" : fw != null ? fw.label + " listens on $PORT when it is set"
                            : "Heroku's web process listens on $PORT by definition (its router sends requests there)";
                } else if (fw != null) {
                    s.port = fw.defaultPort;
                    s.portVar = null;
                    s.portWhy = fw.label + "'s default port (it does not read PORT)";
                }
            }
            Imports.health(s);
            if (e.name().equals("release")) {
                s.restart = "no";
                s.restartWhy = "Heroku's release phase runs once per deploy; to run it before web, move it to web's before-start";
            }
            if (s.port == null && s.restart == null) {
                s.review.add(s.name + ": no port seen in its command — ready once it has run a moment without exiting");
            }
            d.services.add(s);
        }
        d.varsWhy = varsWhy(fileName, handedOut, seen, pinned);
        if (files.exists(".env")) {
            d.envFile = ".env";
            d.envFileWhy = "foreman loads .env beside the Procfile for every process";
        }
        return d;
    }

    /** Says where the ports came from: a comment about foreman's numbers above ports read from the project would mislead. */
    private static String varsWhy(String fileName, boolean handedOut, boolean seen, boolean pinned) {
        String foreman = "handed out as foreman does (" + FOREMAN_BASE_PORT + ", " + (FOREMAN_BASE_PORT + FOREMAN_PORT_STEP)
                + ", … in " + fileName + " order)";
        String from = !seen ? foreman : "the one its command or the file it runs names" + (handedOut ? ", else " + foreman : "");
        return "PORT for each process, " + from + ": change a port here and everything that uses it follows"
                + (pinned ? " (except a command that names its port itself: its comment says so; change it there too)" : "");
    }
}
