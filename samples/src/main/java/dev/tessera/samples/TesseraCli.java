package dev.tessera.samples;

import dev.tessera.core.TesseraVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tessera} command line. Each sub-command is a class in {@code dev.tessera.samples.cli}
 * (or a modality's sample package) listed in {@link #SUBCOMMANDS}.
 */
@Command(name = "tessera", mixinStandardHelpOptions = true, versionProvider = TesseraCli.Version.class,
        description = "Tessera: multimodal generative models on one decoder-only backbone.")
public final class TesseraCli implements Runnable {

    /** Every sub-command, in the order `tessera --help` lists them. */
    static final Class<?>[] SUBCOMMANDS = {
        dev.tessera.samples.demo.DemoCommand.class,
        dev.tessera.samples.arithmetic.ArithmeticEvalCommand.class, dev.tessera.samples.cli.TrainTextCommand.class,
        dev.tessera.samples.cli.GenerateCommand.class,
        dev.tessera.samples.cli.ImportCommand.class,
        dev.tessera.samples.cli.ScoreCommand.class,
        dev.tessera.samples.cli.BenchCommand.class,
        dev.tessera.samples.infer.InferBenchCommand.class, dev.tessera.samples.cli.QuantizeCommand.class,
        dev.tessera.samples.vision.VisionEvalCommand.class, dev.tessera.samples.vision.CaptionCommand.class,
        dev.tessera.samples.pointcloud.ShapeRoundtripCommand.class, dev.tessera.samples.pointcloud.ShapeRdCommand.class, dev.tessera.samples.pointcloud.ShapeEvalCommand.class, dev.tessera.samples.pointcloud.ShapeTasksCommand.class,
        dev.tessera.samples.text.TokenizeCommand.class, dev.tessera.samples.text.BenchTokenizerCommand.class,
        dev.tessera.samples.timeseries.ForecastCommand.class, dev.tessera.samples.timeseries.ForecastEvalCommand.class,
        dev.tessera.samples.molecule.MoleculeEvalCommand.class,
    };

    /** {@code tessera --version}: the SDK's version, the commit it was built from, the JVM and its kernels. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {TesseraVersion.current().toString(),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "JVM decode engine: " + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                        ? "Vector API kernels" : "scalar kernels (add --add-modules jdk.incubator.vector)")};
        }
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * Builds the command line with every sub-command.
     *
     * @return the picocli command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TesseraCli());
        for (Class<?> c : SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("tessera " + cmd.getCommandName() + ": " + ex.getMessage());
            if (Boolean.getBoolean("tessera.stacktrace")) {
                ex.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(run with -Dtessera.stacktrace=true for the stack trace)");
            }
            return 2;
        });
        return cl;
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
