package io.devlaunch.process;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few POSIX calls the JDK does not offer. JNA arrives with NuProcess. Loaded on first use; JNA
 * binds each function at its first call, so the pseudo-terminal's calls cost nothing to a run
 * without an interactive service. {@code size_t}/{@code ssize_t} are {@code long} (x86-64, arm64).
 */
interface LibC extends Library {
    int PR_SET_CHILD_SUBREAPER = 36;
    int WNOHANG = 1;
    int SIG_SETMASK = 2;
    int RLIMIT_NOFILE = 7;
    int EFD_CLOEXEC = 02000000;
    int ENFILE = 23;
    int EMFILE = 24;

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

    int close(int fd);

    int O_RDWR = 2;
    int O_NOCTTY = 0400;
    int O_CLOEXEC = 02000000;
    /** Linux's request number on x86-64 and arm64 (asm-generic). */
    long TIOCSWINSZ = 0x5414;
    short POLLIN = 0x1;
    int EINTR = 4;
    int EAGAIN = 11;

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    int ptsname_r(int fd, byte[] buf, long size);

    int open(String path, int flags);

    long read(int fd, byte[] buf, long count);

    long write(int fd, byte[] buf, long count);

    /** {@code ws}: rows, columns, x pixels, y pixels (struct winsize). Variadic in C; fixed arity is the same call here. */
    int ioctl(int fd, long request, short[] ws);

    long TCGETS = 0x5401;
    long TCSETS = 0x5402;
    /** In the kernel's struct termios: c_cc starts after four flags and c_line; VSUSP is its 11th entry. */
    int TERMIOS_BYTES = 36;
    int VSUSP_OFFSET = 17 + 10;

    /** {@code termios}: the kernel's struct termios ({@link #TERMIOS_BYTES}). */
    int ioctl(int fd, long request, byte[] termios);

    int poll(com.sun.jna.Pointer fds, long nfds, int timeoutMillis);

    /** {@code rlim} receives the soft and the hard limit. */
    int getrlimit(int resource, long[] rlim);

    int epoll_ctl(int epfd, int op, int fd, com.sun.jna.Pointer event);

    /** The calling thread's mask in a threaded process on Linux (as pthread_sigmask, which older glibc keeps in libpthread). */
    int sigprocmask(int how, com.sun.jna.Pointer set, com.sun.jna.Pointer oldset);

    /** syscall(2) with four arguments (variadic in C; fixed arity is the same call on x86-64 and arm64 Linux). */
    long syscall(long number, long a, com.sun.jna.Pointer b, com.sun.jna.Pointer c, long d);

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
