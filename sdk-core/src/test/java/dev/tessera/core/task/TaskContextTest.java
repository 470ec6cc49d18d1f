package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskContextTest {

    @Test
    void aMissingLog_isAStreamThatDiscards_soTasksNeverCheckForNull() {
        TaskContext c = new TaskContext(null, null, true, 1, null);
        assertNotNull(c.log());
        c.log().printf("%s %d%n", "written", 1);
        assertFalse(c.log().checkError(), "writing to the discarding log must not fail");
    }

    @Test
    void aGivenLog_isKept() {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertSame(log, new TaskContext(null, null, false, 2, log).log());
    }
}
