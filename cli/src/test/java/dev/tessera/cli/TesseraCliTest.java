package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every failure, Errors included, reaches the user as one line and a non-zero status. */
class TesseraCliTest {

    /** Throws what its argument names. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @CommandLine.Parameters
        String what;

        @Override
        public Integer call() throws Exception {
            switch (what) {
                case "oom": throw new OutOfMemoryError("Java heap space");
                case "soe": return recurse(0);
                case "npe": throw new NullPointerException("x is null");
                case "io": throw new java.nio.file.NoSuchFileException("in.ply");
                default: throw new IllegalArgumentException("--what is " + what);
            }
        }

        private static int recurse(int n) {
            return recurse(n + 1) + 1;
        }
    }

    @ParameterizedTest
    @CsvSource({"oom,3,out of memory", "soe,3,nested too deeply", "npe,1,internal error NullPointerException",
        "io,2,in.ply: no such file", "flag,2,--what is flag"})
    void reportsInOneLine(String what, int status, String fragment) {
        CommandLine cl = TesseraCli.commandLine();
        cl.addSubcommand(new Boom());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(status, cl.execute("boom", what));
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("tessera boom: ") && e.contains(fragment), e);
        assertFalse(e.contains("\tat "), e);
    }
}
