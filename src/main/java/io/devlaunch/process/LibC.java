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
