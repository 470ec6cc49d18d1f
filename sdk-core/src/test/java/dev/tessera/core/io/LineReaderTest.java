package dev.tessera.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<String> lines(String text, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new StringReader(text), "t", max)) {
            for (String l; (l = r.next()) != null; ) {
                out.add(l);
                assertEquals(out.size(), r.lineNumber());
            }
        }
        return out;
    }

    @Test
    void splitsLikeBufferedReader_onEveryTerminator() throws IOException {
        for (String text : new String[] {"", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "\n\n", "a\r\n\r\nb", "é ∑\n𝄞"}) {
            List<String> expected = new ArrayList<>();
            try (BufferedReader b = new BufferedReader(new StringReader(text))) {
                for (String l; (l = b.readLine()) != null; ) {
                    expected.add(l);
                }
            }
            assertEquals(expected, lines(text, 100), "text " + text.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    @Test
    void aLineAcrossManyBuffersIsReadWhole() throws IOException {
        String longLine = "x".repeat(100_000);
        assertEquals(List.of("a", longLine, "b"), lines("a\n" + longLine + "\nb", 200_000));
    }

    @Test
    void aLineOverTheBoundFailsWithItsNumber_withoutReadingTheRest() throws IOException {
        // an endless line: the reader must stop at the bound, not read on
        Reader endless = new Reader() {
            private long served;

            @Override
            public int read(char[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, 'z');
                served += len;
                assertTrue(served < 10_000_000, "read far past the bound");
                return len;
            }

            @Override
            public void close() { }
        };
        LineReader r = new LineReader(new StringReader("ok\n"), "f.obj", 10);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> {
            try (LineReader x = new LineReader(endless, "f.obj", 1000)) {
                x.next();
            }
        });
        assertTrue(e.getMessage().contains("f.obj") && e.getMessage().contains("line 1 is longer than 1000"),
                e.getMessage());
        CorruptFileException second = assertThrows(CorruptFileException.class,
                () -> lines("short\n" + "y".repeat(11) + "\n", 10));
        assertTrue(second.getMessage().contains("line 2"), second.getMessage());
        assertNull(assertDoesNotThrowNext(r));
    }

    private static String assertDoesNotThrowNext(LineReader r) throws IOException {
        assertEquals("ok", r.next());
        return r.next();
    }
}
