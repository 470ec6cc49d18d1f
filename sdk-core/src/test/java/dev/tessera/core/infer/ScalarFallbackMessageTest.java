package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} says once, on standard error, that the JVM
 * engine runs on its scalar loops and how to turn the Vector API on; with the module, or with the scalar loops
 * chosen on purpose, it says nothing.
 */
class ScalarFallbackMessageTest {

    /** Asks for the kernels three times, the way three engines would, and prints which ones it got. */
    public static void main(String[] args) {
        for (int i = 0; i < 3; i++) {
            System.out.println(Kernels.get().name());
        }
    }

    private static String[] run(List<String> jvmFlags) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ScalarFallbackMessageTest.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), "child JVM failed: " + err);
        return new String[] {out, err};
    }

    private static int count(String text, String line) {
        return (int) text.lines().filter(line::equals).count();
    }

    @Test
    void withoutTheModule_saysItOnce_andRunsTheScalarLoops() throws Exception {
        String[] r = run(List.of());
        assertEquals(1, count(r[1], Kernels.SCALAR_FALLBACK_MESSAGE), "stderr was: " + r[1]);
        assertEquals(3, count(r[0], "scalar"), "stdout was: " + r[0]);
    }

    @Test
    void withTheModule_saysNothing() throws Exception {
        String[] r = run(List.of("--add-modules", "jdk.incubator.vector"));
        assertEquals(0, count(r[1], Kernels.SCALAR_FALLBACK_MESSAGE), "stderr was: " + r[1]);
        assertEquals(3, count(r[0], "vector"), "stdout was: " + r[0]);
    }

    @Test
    void scalarLoopsChosenOnPurpose_sayNothing() throws Exception {
        String[] r = run(List.of("-Dtessera.infer.vector=false"));
        assertEquals(0, count(r[1], Kernels.SCALAR_FALLBACK_MESSAGE), "stderr was: " + r[1]);
        assertEquals(3, count(r[0], "scalar"), "stdout was: " + r[0]);
    }
}
