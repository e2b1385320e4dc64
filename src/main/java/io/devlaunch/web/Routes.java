package io.devlaunch.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every request: security headers, then the guard's checks, then the page or the API. */
final class Routes implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private final RequestGuard guard;
    private final StaticFiles files = new StaticFiles();
    private final Api api;
    private final InFlight inFlight = new InFlight();
    private final WebThreads threads;

    Routes(RequestGuard guard, Api api, WebThreads threads) {
        this.guard = guard;
        this.api = api;
        this.threads = threads;
    }

    /** Requests being answered now (an open event stream is one until it ends). */
    InFlight inFlight() {
        return inFlight;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        threads.handling();     // the head is read: from here this thread is no slow client's
        inFlight.enter();
        try {
            answer(ex);
        } finally {
            inFlight.exit();
        }
    }

    /**
     * @throws IOException when the client went away mid-answer: the JDK server must see it, for only
     *     then does it close the connection. The JDK 17 server keeps a connection whose answer failed
     *     half-way open for good when the handler returns normally (its descriptor with it), so a
     *     request sent and dropped before the answer cost the supervisor one descriptor each.
     */
    private void answer(HttpExchange ex) throws IOException {
        // Not try-with-resources: that would close the exchange before a catch could still answer.
        try {
            Responses.secure(ex);
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            boolean post = method.equals("POST");
            if (!post && !method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                Responses.error(ex, 405, method + " is not used here; the dashboard takes GET, HEAD and POST");
                return;
            }
            String badHost = guard.hostRefusal(ex.getRequestHeaders());
            if (badHost != null) {
                Responses.error(ex, 403, badHost);
                return;
            }
            RequestGuard.Auth auth = guard.auth(ex.getRequestHeaders());
            String offered = path.equals("/") && !post ? Api.query(ex).get("token") : null;
            if (offered != null) {
                // The token moves into an HttpOnly cookie and out of the address bar and history.
                if (!guard.tokenMatches(offered)) {
                    Responses.error(ex, 401, "this token is not the running dashboard's; `devlaunch dashboard` prints the address");
                    return;
                }
                ex.getResponseHeaders().add("Set-Cookie", guard.cookie());
                Responses.redirect(ex, "/");
                return;
            }
            if (auth == RequestGuard.Auth.NONE) {
                Responses.error(ex, 401, "the dashboard needs its token: open the address `devlaunch dashboard` prints, "
                        + "or send Authorization: Bearer TOKEN");
                return;
            }
            if (post) {
                String badOrigin = guard.originRefusal(ex.getRequestHeaders(), auth);
                if (badOrigin != null) {
                    Responses.error(ex, 403, badOrigin);
                    return;
                }
            }
            if (path.startsWith("/api/")) {
                api.handle(ex, path, post);
                return;
            }
            Optional<StaticFiles.File> f = post ? Optional.empty() : files.get(path);
            if (f.isPresent()) Responses.send(ex, 200, f.get().type(), f.get().body());
            else Responses.error(ex, 404, "not found: " + path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(ex, 503, "the dashboard is closing; the run is ending");
        } catch (Api.BadRequest e) {
            fail(ex, 400, e.getMessage());
        } catch (Api.NoAnswer e) {
            fail(ex, 503, e.getMessage());
        } catch (IOException e) {
            // An answer on its way failed: the browser went away; the JDK server closes the connection.
            if (ex.getResponseCode() != -1) throw e;
            fail(ex, 500, "the dashboard could not answer (" + e.getMessage() + "); try again");
        } catch (RuntimeException | Error e) {
            // A bug here must not cost the supervisor anything: logged once, said to this request only.
            LOG.error("dashboard: {} {} failed (a bug; please report it)", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
            // Half an answer is out: only the connection's end can tell the browser, and the JDK server ends it.
            if (ex.getResponseCode() != -1) throw new IOException("the answer was cut short by a bug", e);
            fail(ex, 500, "the dashboard failed on this request (" + e.getClass().getSimpleName()
                    + "; a bug, logged by the supervisor); the rest of the run is not affected");
        } finally {
            ex.close();
        }
    }

    /**
     * An error answer, unless one was already on its way (then the connection just ends). A failure to
     * send it goes to the JDK server, which then closes the connection (see {@link #answer}).
     */
    private static void fail(HttpExchange ex, int code, String message) throws IOException {
        if (ex.getResponseCode() != -1) return;
        try {
            Responses.error(ex, code, message);
        } catch (RuntimeException ignored) {
            // a bug in the error answer itself: the connection just ends
        }
    }
}
