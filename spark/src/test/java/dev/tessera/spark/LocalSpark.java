package dev.tessera.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** A small local[2] session for tests (no UI, two shuffle partitions) and the shared data folder. */
final class LocalSpark {
    private LocalSpark() { }

    static SparkSession start(String name) {
        return SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }

    /** The 22 series of ../shared/data/timeseries, or null when this checkout has no shared folder. */
    static Path sharedSeries() {
        String project = System.getProperty("tessera.project.dir", ".");
        for (String base : new String[] {System.getProperty("tessera.shared.dir", "../shared"), project + "/../shared",
                project + "/../../shared"}) {
            Path p = Path.of(base, "data", "timeseries");
            if (Files.isRegularFile(p.resolve("manifest.csv"))) {
                return p;
            }
        }
        return null;
    }
}
