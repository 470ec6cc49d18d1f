package dev.tessera.samples.spark;

import java.util.List;
import picocli.CommandLine.Option;

/** The flags both Spark benchmarks take: partitions, repetitions, the masters compared, and {@code --json}. */
final class BenchOptions {
    @Option(names = "--partitions", description = "Spark partitions (default: ${DEFAULT-VALUE}).")
    int partitions = 8;
    @Option(names = "--repeats", description = "Repetitions (default: ${DEFAULT-VALUE}).")
    int repeats = 3;
    @Option(names = "--master", split = ",", description = "Spark masters (default: local[1],local[2]).")
    List<String> masters = List.of("local[1]", "local[2]");
    @Option(names = "--json", description = "End with one JSON line.")
    boolean json;
}
