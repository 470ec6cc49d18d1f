package dev.tessera.serve.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {
    private final StopStrings stops = new StopStrings(List.of("\nUser:", "END"));

    @Test
    void find_seesAStopStringThatSpansTheLastSearch() {
        String text = "hello\nUs";
        assertEquals(-1, stops.find(text, 0));
        assertEquals(5, stops.find(text + "er: hi", text.length()), "found though it began before 'from'");
        assertEquals(2, stops.find("abEND\nUser:", 0), "the earliest of several");
    }

    @Test
    void safeLength_holdsBackOnlyWhatCouldBeginAStopString() {
        assertEquals(5, stops.safeLength("hello\nUs"), "'\\nUs' may become '\\nUser:'");
        assertEquals(4, stops.safeLength("abcdEN"));
        assertEquals(6, stops.safeLength("abcdEx"), "'Ex' begins no stop string");
        assertEquals(0, new StopStrings(List.of("xyz")).safeLength("xy"));
        assertEquals(3, new StopStrings(List.of()).safeLength("abc"));
    }
}
