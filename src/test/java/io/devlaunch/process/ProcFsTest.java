package io.devlaunch.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
    @TempDir
    Path proc;

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() throws Exception {
        write(42, "42 (my (odd) name) S 7 42 40 0 -1 4194560 123 0 0 0");
        ProcFs.Stat s = new ProcFs(proc).stat(42).orElseThrow();
        assertEquals(new ProcFs.Stat(42, 7, 42, 40, 'S'), s);
        assertFalse(s.zombie());
    }

    @Test
    void theStartTimeIsField22CountedAfterTheLastParenthesis() throws Exception {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // priority nice threads itrealvalue starttime vsize …
        write(42, "42 (a) b (c) S 7 42 40 0 -1 4194560 123 0 0 0 5 6 0 0 20 0 1 0 987654 1234 56");
        write(43, "43 (z) Z 7 42 40 0 -1 4194560 123 0 0 0 5 6 0 0 20 0 1 0 987655 0 0");
        ProcFs fs = new ProcFs(proc);
        assertEquals(987654L, fs.startTicks(42).orElseThrow());
        assertTrue(fs.startTicks(43).isEmpty(), "a zombie has nothing left to stop");
        assertTrue(fs.startTicks(44).isEmpty());
    }

    @Test
    void thisProcessStartTimeIsReadFromTheRealProc() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcFs.system().startTicks(self).orElseThrow() > 0);
    }

    @Test
    void aZombieAndAMissingProcessAreBothGone() throws Exception {
        write(5, "5 (sh) Z 1 5 5 0");
        ProcFs fs = new ProcFs(proc);
        assertTrue(fs.gone(5));
        assertTrue(fs.gone(6));
        assertTrue(fs.stat(6).isEmpty());
    }

    @Test
    void aStatThatCannotBeReadIsAnErrorNotAnExit() throws Exception {
        // A read that fails for another reason than "no such file" (here EISDIR; in the field EMFILE)
        // says nothing about the process: taken for "gone", it had every healthy service SIGKILLed.
        Files.createDirectories(proc.resolve("77/stat"));
        ProcFs fs = new ProcFs(proc);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> fs.stat(77));
        assertFalse(ProcFs.meansGone(e), e.toString());
        assertThrows(java.io.IOException.class, () -> fs.gone(77));
    }

    @Test
    void noSuchFileAndNoSuchProcessMeanGoneAndNothingElseDoes() {
        assertTrue(ProcFs.meansGone(new java.nio.file.NoSuchFileException("/proc/5/stat")));
        assertTrue(ProcFs.meansGone(new java.io.IOException("No such process")));
        assertFalse(ProcFs.meansGone(new java.nio.file.FileSystemException("/proc/5/stat", null, "Too many open files")));
        assertFalse(ProcFs.meansGone(new java.nio.file.AccessDeniedException("/proc/5/stat")));
    }

    @Test
    void aTruncatedStatLineIsNoEntry() throws Exception {
        write(9, "9 (x) R");
        assertTrue(new ProcFs(proc).stat(9).isEmpty());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisProcessFromTheRealProc() throws Exception {
        long me = ProcessHandle.current().pid();
        ProcFs.Stat s = ProcFs.system().stat(me).orElseThrow();
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), s.ppid());
        assertTrue(ProcFs.system().pids().contains(me));
        assertFalse(ProcFs.system().fdTargets(me).isEmpty());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void childrenOfSelfListsAChildThisProcessStarted() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertTrue(ProcFs.system().childrenOfSelf().contains(child.pid()), "child " + child.pid());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private void write(long pid, String stat) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(pid + "/stat"), stat + "\n", StandardCharsets.US_ASCII);
    }
}
