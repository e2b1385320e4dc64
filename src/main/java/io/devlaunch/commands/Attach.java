package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.ipc.AttachClient;
import io.devlaunch.ipc.AttachWire;
import io.devlaunch.ipc.ControlClient;
import io.devlaunch.ipc.ControlSocket;
import io.devlaunch.ipc.Protocol;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceNames;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.RawMode;
import io.devlaunch.output.Terminal;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code devlaunch attach SERVICE}: this terminal connected to an interactive service's terminal
 * through the supervisor. On a terminal: raw mode, keys to the service, its output back as it
 * printed it, the window size sent now and at each resize, Ctrl+] detaches. From a pipe: what is
 * read is sent, and at its end the output is shown until the service has been quiet for
 * {@link #QUIET}, then it detaches. Either way the service runs on.
 */
public final class Attach {
    static final byte DETACH_KEY = 0x1d;        // Ctrl+], as telnet and docker attach
    static final Duration QUIET = Duration.ofMillis(500);
    private static final Object STDIN_ENDED = new Object();
    private static final Object DETACH = new Object();
    private static final Object SUPERVISOR_GONE = new Object();

    private final Manifest manifest;
    private final Terminal terminal;
    private final String service;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private boolean midLine;        // the service's output so far ends inside a line: a notice starts on a new one

    public Attach(Manifest manifest, Terminal terminal, String service) {
        this.manifest = manifest;
        this.terminal = terminal;
        this.service = service;
    }

    public int run() throws IOException, InterruptedException {
        ServiceNames.requireKnown(manifest, List.of(service));
        ServiceSpec spec = manifest.service(service);
        if (!spec.interactive()) {
            throw DevLaunchException.badInput(service + " is not interactive, so it has no terminal to attach to; add "
                    + "`interactive = true` to its block at " + spec.location() + ", then `devlaunch restart " + service + "`");
        }
        StateFolder folder = StateFolder.of(manifest);
        RecordedSupervisor sup = RecordedSupervisor.read(new RunRecords(folder));
        if (!sup.running()) {
            throw DevLaunchException.failed("no devlaunch supervisor is running for " + manifest.project()
                    + "; start it with: devlaunch up (then attach to " + service + ")");
        }
        Path socket = ControlSocket.path(folder);
        Protocol.Reply[] first = new Protocol.Reply[1];
        AttachClient client;
        try {
            client = AttachClient.connect(socket, service, ControlClient.Timeouts.DEFAULT.firstAnswer(), r -> first[0] = r);
        } catch (IOException e) {
            throw DevLaunchException.failed("the supervisor (PID " + sup.pid() + ") does not answer on " + socket + " ("
                    + e.getMessage() + "); `devlaunch clean` stops it, then `devlaunch up`");
        }
        try (client) {
            if (first[0] instanceof Protocol.Done d) throw DevLaunchException.failed(d.message());
            if (first[0] instanceof Protocol.Line l) terminal.err().println(l.text());
            boolean keyboard = RawMode.stdinIsTerminal();
            readReplies(client);
            if (!keyboard) return scripted(client);
            try (RawMode raw = RawMode.enter()) {
                followWindowSize(client);
                return interactive(client);
            }
        }
    }

    /** Keys until Ctrl+]; everything the service prints, until then. */
    private int interactive(AttachClient client) throws InterruptedException {
        readInput(client, true);
        while (true) {
            Object e = events.take();
            if (e == DETACH || e == STDIN_ENDED) {
                notice("devlaunch | detached from " + service + " (it runs on)", "\r\n");
                return ExitCodes.OK;
            }
            Integer end = show(e, "\r\n");
            if (end != null) return end;
        }
    }

    /** All of the input, then the output until the service has been quiet for {@link #QUIET}. */
    private int scripted(AttachClient client) throws InterruptedException {
        readInput(client, false);
        boolean inputEnded = false;
        while (true) {
            Object e = inputEnded ? events.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS) : events.take();
            if (e == null) return ExitCodes.OK;        // quiet since the input ended: detach
            if (e == STDIN_ENDED) {
                inputEnded = true;
                continue;
            }
            Integer end = show(e, "\n");
            if (end != null) return end;
        }
    }

    /** Shows one reply; the exit code when it ends the attach, else null. */
    private Integer show(Object e, String newline) {
        if (e instanceof Protocol.Output o) {
            byte[] b = o.bytes();
            terminal.out().write(b, 0, b.length);
            terminal.out().flush();
            if (b.length > 0) midLine = b[b.length - 1] != '\n';
        } else if (e instanceof Protocol.Line l) {
            notice(l.text(), newline);
        } else if (e instanceof Protocol.Done d) {
            notice("devlaunch | " + d.message(), newline);
            return d.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        } else if (e == SUPERVISOR_GONE) {
            notice("devlaunch | the supervisor closed the connection (it stopped?); detached", newline);
            return ExitCodes.FAILED;
        }
        return null;
    }

    private void notice(String text, String newline) {
        terminal.err().print((midLine ? newline : "") + text + newline);
        terminal.err().flush();
        midLine = false;
    }

    private void readReplies(AttachClient client) {
        daemon("devlaunch-attach-out", () -> {
            try {
                for (Protocol.Reply r; (r = client.next()) != null; ) events.add(r);
            } catch (IOException e) {
                // the connection broke: the same as closed
            }
            events.add(SUPERVISOR_GONE);
        });
    }

    /** Standard input to the service; on a keyboard, Ctrl+] (not sent) detaches. */
    private void readInput(AttachClient client, boolean keyboard) {
        daemon("devlaunch-attach-in", () -> {
            InputStream in = System.in;
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    int detach = keyboard ? indexOf(buf, n, DETACH_KEY) : -1;
                    int send = detach >= 0 ? detach : n;
                    if (send > 0) client.send(new AttachWire.Keys(Arrays.copyOf(buf, send)));
                    if (detach >= 0) {
                        events.add(DETACH);
                        return;
                    }
                }
            } catch (IOException e) {
                // the supervisor went away (told by the reply reader) or stdin broke: stop reading either way
            }
            events.add(STDIN_ENDED);
        });
    }

    /** The window's size now and after every resize (SIGWINCH). */
    private void followWindowSize(AttachClient client) {
        Runnable send = () -> {
            int[] size = RawMode.size();
            if (size == null) return;
            try {
                client.send(new AttachWire.WindowSize(size[0], size[1]));
            } catch (IOException e) {
                // the connection is gone: the reply reader says so
            }
        };
        send.run();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), sig -> daemon("devlaunch-attach-size", send));
        } catch (IllegalArgumentException e) {
            // no SIGWINCH here: the size sent at attach stays
        }
    }

    private static int indexOf(byte[] b, int n, byte wanted) {
        for (int i = 0; i < n; i++) if (b[i] == wanted) return i;
        return -1;
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
