package io.devlaunch.init;

import java.util.List;

/**
 * What one command shows about the process it starts.
 *
 * @param framework  the dev server recognised, or null
 * @param port       a port the command names itself, or null
 * @param portSource how it names it ({@code -p 3000}), for the written comment
 * @param usesPortEnv it listens on {@code $PORT} when that is set: the command mentions it, or the file it runs falls
 *                    back from it ({@code process.env.PORT || 3000}; then {@code port} is the fallback)
 * @param folder     where it ends up running, relative to the project root ("" for the root), for its config files
 * @param evidence   text to search for other services' ports (env assignments in the command)
 * @param healthPath an HTTP path that is reliably there, or null for TCP
 * @param healthWhy  why that check
 */
record Detection(Framework framework, Integer port, String portSource, boolean usesPortEnv, String folder,
                 List<String> evidence, String healthPath, String healthWhy) {

    static Detection nothing(String folder) {
        return new Detection(null, null, null, false, folder, List.of(), null, null);
    }

    /** The port it will listen on when {@code PORT} is not set: its own, else its framework's default, else null. */
    Integer listenPortWithoutEnv() {
        if (port != null) return port;
        return framework == null ? null : framework.defaultPort;
    }
}
