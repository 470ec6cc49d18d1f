package dev.tessera.cli;

import dev.tessera.core.io.Json;
import dev.tessera.samples.arithmetic.ArithmeticPipeline;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessera arithmetic-eval}: the single-modality arithmetic model ("Teaching Arithmetic to Small
 * Transformers"): trains a small model on 3-digit additions with reversed answers until validation reaches
 * 99.7% or the budget is spent, then prints held-out exact match (last line: one JSON object).
 */
@Command(name = "arithmetic-eval", mixinStandardHelpOptions = true,
        description = "Train a small model on 3-digit addition and report held-out exact match.")
public final class ArithmeticEvalCommand implements Callable<Integer> {
    @Option(names = "--budget-seconds", defaultValue = "300", description = "Training budget (default: ${DEFAULT-VALUE}).")
    double budget;
    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws Exception {
        ArithmeticPipeline.Options o = ArithmeticPipeline.Options.demo(budget, seed);
        ArithmeticPipeline.Result r = ArithmeticPipeline.run(o, System.err);
        r.examples().forEach(e -> System.out.println("  " + e));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exact_match", r.exactMatch());
        m.put("evaluated", r.evaluated());
        m.put("steps", r.steps());
        m.put("train_seconds", r.trainSeconds());
        m.put("parameters", r.parameters());
        System.out.println(Json.COMPACT.toJson(m));
        return 0;
    }
}
