package dev.tessera.cli;

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
        dev.tessera.cli.DemoCommand.class,
        dev.tessera.cli.ArithmeticEvalCommand.class, dev.tessera.cli.TrainTextCommand.class,
        dev.tessera.cli.GenerateCommand.class,
        dev.tessera.cli.ServeCommand.class, dev.tessera.cli.ServeLoadCommand.class,
        dev.tessera.cli.ImportCommand.class,
        dev.tessera.cli.ScoreCommand.class,
        dev.tessera.cli.BenchCommand.class, dev.tessera.cli.BenchMemoryCommand.class,
        dev.tessera.cli.InferBenchCommand.class, dev.tessera.cli.QuantizeCommand.class,
        dev.tessera.cli.VisionEvalCommand.class, dev.tessera.cli.CaptionCommand.class,
        dev.tessera.cli.DigitsFolderCommand.class,
        dev.tessera.cli.ShapeCommand.class, dev.tessera.cli.ShapeRoundtripCommand.class, dev.tessera.cli.ShapeRdCommand.class, dev.tessera.cli.ShapeEvalCommand.class, dev.tessera.cli.ShapeTasksCommand.class,
        dev.tessera.cli.TokenizeCommand.class, dev.tessera.cli.BenchTokenizerCommand.class,
        dev.tessera.cli.ForecastCommand.class, dev.tessera.cli.ForecastEvalCommand.class,
        dev.tessera.cli.ForecastPretrainCommand.class, dev.tessera.cli.ForecastBenchCommand.class,
        dev.tessera.cli.MoleculeEvalCommand.class,
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
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> fail(cmd, ex));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(prefix(cmd) + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                    + " --help')");
            return 2;
        });
        // picocli hands only Exceptions to the handler above; an Error (out of memory, stack overflow)
        // would reach the user as a raw JVM stack trace, so it is caught here and reported the same way
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parse -> {
            try {
                return run.execute(parse);
            } catch (OutOfMemoryError | StackOverflowError e) {
                CommandLine cmd = parse.subcommands().isEmpty() ? parse.commandSpec().commandLine()
                        : parse.subcommands().get(parse.subcommands().size() - 1).commandSpec().commandLine();
                return fail(cmd, e);
            }
        });
        return cl;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    /**
     * Reports a failure as one line on stderr and returns the exit status: 2 for an error Tessera
     * describes (bad input, bad flag), 3 when the JVM ran out of memory or stack, 1 for anything
     * unexpected (a bug: the line then names the exception type). The stack trace is printed only
     * with {@code -Dtessera.stacktrace=true}.
     */
    private static int fail(CommandLine cmd, Throwable ex) {
        java.io.PrintWriter err = cmd.getErr();
        int status;
        String message;
        if (ex instanceof OutOfMemoryError) {
            status = 3;
            message = "out of memory (" + ex.getMessage() + "); give the JVM more with JAVA_OPTS=-Xmx..., or use "
                    + "smaller inputs or flags";
        } else if (ex instanceof StackOverflowError) {
            status = 3;
            message = "the input is nested too deeply for the stack (StackOverflowError)";
        } else if (ex instanceof java.nio.file.FileSystemException) {
            // its message is often the bare path: say what is wrong with it
            java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) ex;
            status = 2;
            message = f.getFile() + ": " + (f.getReason() != null ? f.getReason()
                    : ex instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : ex instanceof java.nio.file.AccessDeniedException ? "permission denied" : ex.getClass().getSimpleName());
        } else if (expected(ex)) {
            status = 2;
            message = ex.getMessage();
        } else {
            status = 1;
            message = "internal error " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + " (please report it, with -Dtessera.stacktrace=true)";
        }
        err.println(prefix(cmd) + String.valueOf(message).replace('\n', ' '));
        if (Boolean.getBoolean("tessera.stacktrace")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** Errors that describe bad input: files, flags and arguments, each with a message that says where. */
    private static boolean expected(Throwable ex) {
        return ex.getMessage() != null && (ex instanceof java.io.IOException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException || ex instanceof dev.tessera.core.TesseraException
                || ex instanceof java.io.UncheckedIOException);
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
