package io.devlaunch.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The C calls a pseudo-terminal needs, bound through JNA (which NuProcess brings). A class of its
 * own, loaded only when an interactive service starts: no other service and no other command pays
 * for binding them. {@code size_t}/{@code ssize_t} are {@code long}: the same on x86-64 and arm64 Linux.
 */
interface PtyCalls extends Library {
    int O_RDWR = 2;
    int O_NOCTTY = 0400;
    int O_CLOEXEC = 02000000;
    /** Linux's request number on x86-64 and arm64 (asm-generic). */
    long TIOCSWINSZ = 0x5414;
    short POLLIN = 0x1;
    int EINTR = 4;
    int EAGAIN = 11;
    int EIO = 5;

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    int ptsname_r(int fd, byte[] buf, long size);

    int open(String path, int flags);

    long read(int fd, byte[] buf, long count);

    long write(int fd, byte[] buf, long count);

    int close(int fd);

    /** {@code ws}: rows, columns, x pixels, y pixels (struct winsize). Variadic in C; fixed arity is the same call here. */
    int ioctl(int fd, long request, short[] ws);

    int poll(Pointer fds, long nfds, int timeoutMillis);

    final class Holder {
        static {
            NativeLibs.prepare();
        }

        static final PtyCalls C = Native.load("c", PtyCalls.class);

        private Holder() {}
    }

    static PtyCalls get() {
        return Holder.C;
    }
}
