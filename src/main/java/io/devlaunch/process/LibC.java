package io.devlaunch.process;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few POSIX calls the JDK does not offer. JNA arrives with NuProcess. Loaded on first use. */
interface LibC extends Library {
    int PR_SET_CHILD_SUBREAPER = 36;
    int WNOHANG = 1;

    int kill(int pid, int sig);

    int getpgid(int pid);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int waitpid(int pid, int[] status, int options);

    int P_PID = 1;
    int WEXITED = 4;
    int WNOWAIT = 0x01000000;
    int CLD_EXITED = 1;
    int CLD_KILLED = 2;
    int CLD_DUMPED = 3;

    /** With WNOWAIT: reads how a zombie child ended without reaping it (NuProcess reaps, and folds signals into codes). */
    int waitid(int idtype, int id, com.sun.jna.Pointer infop, int options);

    int eventfd(int initval, int flags);

    int epoll_ctl(int epfd, int op, int fd, com.sun.jna.Pointer event);

    final class Holder {
        static {
            NativeLibs.prepare();
        }

        static final LibC C = Native.load("c", LibC.class);

        private Holder() {}
    }

    static LibC get() {
        return Holder.C;
    }
}
