package io.devlaunch.export;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inside a Compose stack or a Kubernetes namespace, {@code 127.0.0.1} is the container itself; a
 * service is reached by its name. So {@code http://127.0.0.1:8000} where another service owns
 * port 8000 becomes {@code http://backend:8000} (also {@code localhost}, {@code 0.0.0.0},
 * {@code [::1]}, and {@code user@localhost:5432} or a bare {@code localhost:6379}). A port the
 * service owns itself, or that no service owns, is left alone.
 *
 * <p>Not in variables a frontend build hands to the browser ({@code VITE_*}, {@code NEXT_PUBLIC_*},
 * {@code REACT_APP_*}, …): the browser runs outside the stack, where a service's name means nothing
 * and the published port on loopback still answers.
 */
public final class LoopbackUrls {
    private static final Pattern LOOPBACK =
            Pattern.compile("(?<![A-Za-z0-9.\\-])(127\\.0\\.0\\.1|localhost|0\\.0\\.0\\.0|\\[::1\\]):(\\d{1,5})(?![0-9])");

    private static final Pattern BROWSER_VARIABLE =
            Pattern.compile("(VITE_|NEXT_PUBLIC_|REACT_APP_|NUXT_PUBLIC_|PUBLIC_|EXPO_PUBLIC_|GATSBY_|VUE_APP_).*");

    private LoopbackUrls() {}

    /** Whether {@code name} is an environment variable frontend tools put into code the browser runs. */
    public static boolean readByTheBrowser(String name) {
        return BROWSER_VARIABLE.matcher(name).matches();
    }

    /** {@code text} with loopback addresses of other services' ports replaced by {@code NAME:PORT}. */
    public static String rewrite(String text, String self, Map<Integer, String> portOwners) {
        Matcher m = LOOPBACK.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String owner = portOwners.get(Integer.parseInt(m.group(2)));
            String to = owner == null || owner.equals(self) ? m.group() : owner + ":" + m.group(2);
            m.appendReplacement(sb, Matcher.quoteReplacement(to));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
