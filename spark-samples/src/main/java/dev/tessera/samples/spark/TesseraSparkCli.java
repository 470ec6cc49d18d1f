package dev.tessera.samples.spark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tessera-spark}: Tessera's sample Spark jobs, in their own module so Spark stays out of tessera.jar. */
@Command(name = "tessera-spark", mixinStandardHelpOptions = true,
        description = "Tessera on Apache Spark: sample jobs over the spark.ml stages.",
        subcommands = {SparkForecastCommand.class, BenchForecastCommand.class, BenchTokenizeCommand.class})
public final class TesseraSparkCli implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new TesseraSparkCli());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            Throwable t = ex;
            while (t.getCause() != null && !(t instanceof IllegalArgumentException)
                    && !(t instanceof java.io.IOException)) {
                t = t.getCause();
            }
            cmd.getErr().println("tessera-spark " + cmd.getCommandName() + ": " + t.getMessage());
            return 1;
        });
        System.exit(cl.execute(args));
    }
}
