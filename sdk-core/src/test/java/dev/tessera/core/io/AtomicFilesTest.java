package dev.tessera.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aWrite_removesTheTemporariesAKilledWriteOfTheSameTargetLeft(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("run.ckpt");
        // what a write killed between create and rename leaves behind
        Path stale1 = Files.writeString(dir.resolve(".run.ckpt.123456.tmp"), "half");
        Path stale2 = Files.writeString(dir.resolve(".run.ckpt.987.tmp"), "half");
        Path otherTarget = Files.writeString(dir.resolve(".other.ckpt.55.tmp"), "another file's");
        Path notTemporary = Files.writeString(dir.resolve(".run.ckpt.notes"), "keep");
        AtomicFiles.writeString(target, "whole");
        assertEquals("whole", Files.readString(target));
        assertFalse(Files.exists(stale1));
        assertFalse(Files.exists(stale2));
        assertTrue(Files.exists(otherTarget), "another target's temporary is not ours to remove");
        assertTrue(Files.exists(notTemporary));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "the target, the other temporary and the notes");
        }
    }

    @Test
    void aFailedWrite_leavesTheTargetAsItWasAndNoTemporary(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.bin");
        AtomicFiles.writeString(target, "old");
        try {
            AtomicFiles.write(target, out -> {
                out.write("new, half".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                throw new java.io.IOException("disk full (simulated)");
            });
        } catch (java.io.IOException expected) {
            assertEquals("disk full (simulated)", expected.getMessage());
        }
        assertEquals("old", Files.readString(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
