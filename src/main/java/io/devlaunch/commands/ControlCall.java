package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.ipc.ControlClient;
import io.devlaunch.ipc.ControlSocket;
import io.devlaunch.ipc.Protocol;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceNames;
import io.devlaunch.output.Terminal;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One request to the running supervisor over its control socket ({@code restart}, {@code stop},
 * {@code start}): its progress is printed here as it comes, then its answer, which is the exit code.
 */
final class ControlCall {
    private ControlCall() {}

    /**
     * {@code stop}/{@code start}: the services must be named and known, and a supervisor must run
     * (there is nothing to stop or start them in otherwise).
     */
    static int toRunningSupervisor(Manifest manifest, Terminal terminal, String command, List<String> services,
                                   Protocol.Request request) throws IOException, InterruptedException {
        if (services.isEmpty()) {
            throw DevLaunchException.badInput("name the services to " + command + ": devlaunch " + command
                    + " SERVICE…; services: "
                    + String.join(", ", manifest.services().keySet()));
        }
        ServiceNames.requireKnown(manifest, services);
        StateFolder folder = StateFolder.of(manifest);
        RecordedSupervisor sup = RecordedSupervisor.read(new RunRecords(folder));
        if (!sup.running()) {
            throw DevLaunchException.failed("no devlaunch supervisor is running for " + manifest.project()
                    + "; start it with: devlaunch up");
        }
        return send(folder, sup, request, terminal, command);
    }

    /** @param what the operation, as the messages name it ("restart") */
    static int send(StateFolder folder, RecordedSupervisor sup, Protocol.Request request, Terminal terminal,
            String what)
            throws IOException, InterruptedException {
        Path socket = ControlSocket.path(folder);
        Protocol.Done answer;
        try {
            answer = ControlClient.call(socket, request, terminal.out()::println);
        } catch (ControlClient.NoAnswer e) {
            throw DevLaunchException.failed(e.answered()
                    ? "the supervisor (PID " + sup.pid() + ") stopped answering during the " + what + " ("
                            + e.getMessage()
                            + "); `devlaunch status` shows where the services are"
                    : "the supervisor (PID " + sup.pid() + ") does not answer on " + socket + " (" + e.getMessage()
                            + "); it may be wedged: `devlaunch clean` stops it, then `devlaunch up`");
        } catch (IOException e) {
            throw DevLaunchException.failed("the supervisor (PID " + sup.pid() + ") does not answer on "
                    + socket + " (" + e.getMessage() + "); `devlaunch clean` stops it, then `devlaunch up`");
        }
        terminal.out().println("devlaunch | " + answer.message());
        return answer.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
