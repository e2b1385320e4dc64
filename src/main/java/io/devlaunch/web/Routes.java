package io.devlaunch.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/** Every request: security headers, then the guard's checks, then the page or the API. */
final class Routes implements HttpHandler {
    private final RequestGuard guard;
    private final StaticFiles files = new StaticFiles();
    private final Api api;

    Routes(RequestGuard guard, Api api) {
        this.guard = guard;
        this.api = api;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
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
        } catch (RuntimeException e) {
            // A bug here must not cost the supervisor anything: say it, to this request only.
            try {
                Responses.error(ex, 500, "dashboard error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // headers already sent
            }
        }
    }
}
