package dev.tessera.cli;

import dev.tessera.core.io.Json;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The {@code --json} flag and the one place a command's result is printed. With {@code --json}, standard
 * output holds exactly one line, the result as compact JSON (so {@code tessera X --json | jq} works), and the
 * human report goes to standard error; without it, the human report goes to standard output.
 *
 * <pre>{@code
 * class MyCommand implements Runnable {
 *     &#64;picocli.CommandLine.Mixin
 *     JsonOutput output;
 *
 *     public void run() {
 *         Map<String, Object> metrics = Map.of("accuracy", 0.93);
 *         output.print(metrics);                                       // a map prints as "key: value" lines
 *         output.print(metrics, out -> out.println("accuracy 93%"));  // or a report of the command's own
 *     }
 * }
 * }</pre>
 */
public final class JsonOutput {
    @Option(names = "--json", description = "Print the result as one line of JSON on stdout (the human-readable "
            + "report goes to stderr).")
    boolean json;

    /** @return whether {@code --json} was given */
    public boolean json() {
        return json;
    }

    /**
     * Prints a result: a map as {@code key: value} lines, anything else as indented JSON, or with
     * {@code --json} as one line of JSON. A value that is not a string, number, boolean, path or enum (an
     * array, a collection, a record...) is written as compact JSON, never as its {@code toString}.
     *
     * @param result the result (a map, a list, a record)
     */
    public void print(Object result) {
        print(result, out -> {
            if (result instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.println(k + ": " + humanValue(v)));
            } else {
                out.println(Json.GSON.toJson(result));
            }
        });
    }

    /** A map value as a human reads it: scalars as they are, anything else as compact JSON. */
    static String humanValue(Object v) {
        if (v == null || v instanceof CharSequence || v instanceof Number || v instanceof Boolean
                || v instanceof Character || v instanceof java.nio.file.Path || v instanceof Enum) {
            return String.valueOf(v);
        }
        return Json.COMPACT.toJson(v);
    }

    /**
     * Prints a result with a human report of the command's own.
     *
     * @param result what {@code --json} prints
     * @param human writes the human report to the stream it is given
     */
    public void print(Object result, Consumer<PrintStream> human) {
        if (json) {
            human.accept(System.err);
            System.err.flush();
            System.out.println(Json.COMPACT.toJson(result));
        } else {
            human.accept(System.out);
        }
        System.out.flush();
    }

    /**
     * Where a command writes progress and notes that are not the result: standard error with
     * {@code --json} (standard output must hold only the JSON line), standard output otherwise.
     *
     * @return the stream
     */
    public PrintStream log() {
        return json ? System.err : System.out;
    }
}
