package io.devlaunch.ipc;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.PseudoTerminal;
import io.devlaunch.supervise.Supervisor;
import io.devlaunch.supervise.Terminals;

/**
 * One attached client, on the supervisor's side: the service's terminal output goes to it raw,
 * its keys and window size go to the service. It follows the service from instance to instance
 * (a restart is said, then the new instance's output follows) until the client detaches.
 */
final class AttachSession implements Terminals.Follower, PseudoTerminal.Viewer, Replies.Attached {
    private final String service;
    private final Terminals terminals;
    private final Replies reply;
    private PseudoTerminal current;         // guarded by this
    private Runnable unfollow;              // guarded by this
    private boolean closed;                 // guarded by this

    private AttachSession(String service, Terminals terminals, Replies reply) {
        this.service = service;
        this.terminals = terminals;
        this.reply = reply;
    }

    /** Answers an attach request: refused (done) or attached (a first line, then the stream). */
    static void begin(String service, Supervisor supervisor, Replies reply) {
        ServiceSpec spec = supervisor.definitions().get(service);
        if (spec == null) {
            reply.done(false, "no service '" + service + "' runs under this supervisor (`devlaunch up " + service + "` runs it)");
            return;
        }
        if (!spec.interactive()) {
            reply.done(false, service + " runs without a terminal in this run (interactive = true was added after it started?); "
                    + "`devlaunch restart " + service + "` applies it");
            return;
        }
        AttachSession s = new AttachSession(service, supervisor.terminals(), reply);
        reply.attach(s);
        synchronized (s) {
            s.unfollow = s.terminals.follow(service, s);
            if (s.current == null) {
                reply.line("devlaunch | attached to " + service + ", which is not running now: its next start follows"
                        + " — Ctrl+] detaches");
            }
        }
    }

    @Override
    public synchronized void instance(PseudoTerminal terminal, long pid, boolean restarted) {
        if (closed || terminal == current) return;       // the one it attached to, told twice in a race with a start
        if (current != null) current.removeViewer(this);
        current = terminal;
        reply.line(restarted ? "devlaunch | " + service + " restarted (PID " + pid + "); attached to the new instance"
                : "devlaunch | attached to " + service + " (PID " + pid + ") — Ctrl+] detaches, the service runs on");
        byte[] line = terminal.currentLine();       // a prompt it waits at: the client sees where it is
        if (line.length > 0) reply.output(line);
        terminal.addViewer(this);
    }

    @Override
    public void output(byte[] bytes) {
        reply.output(bytes);
    }

    @Override
    public void ended() {
        reply.line("devlaunch | " + service + "'s process ended; still attached for its next start — Ctrl+] detaches");
    }

    @Override
    public void input(String line) {
        AttachWire.Input in;
        try {
            in = AttachWire.parse(line);
        } catch (Protocol.BadRequest e) {
            return;     // a client of another version: what it says that we do not understand is dropped, not typed
        }
        if (in instanceof AttachWire.WindowSize w) {
            terminals.resize(service, w.rows(), w.columns());
            return;
        }
        PseudoTerminal t;
        synchronized (this) {
            t = current;
        }
        if (t != null) t.write(((AttachWire.Keys) in).bytes());
    }

    @Override
    public void closed() {
        synchronized (this) {
            closed = true;
            if (unfollow != null) unfollow.run();
            if (current != null) current.removeViewer(this);
        }
    }
}
