package dev.tessera.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.RecomputeDecodeEngine;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.io.Limits;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.StepMetrics;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TrainingLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessera bench}: training and generation throughput on the reference config, measured as
 * {@code gpt_ref.py} measures it (median step time after warm-up on random tokens; batch-1
 * generation of 256 tokens after a 16-token prompt, median of 3 runs), plus the JVM engine's
 * aggregate rate at batch 8 and its prefill rate on a 512-token prompt.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training and generation throughput (compare with ../shared/bench/gpt_ref.py).")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;
    @Mixin
    BackboneOptions backbone;
    /** Prompt length of the prefill measurement. */
    static final int PREFILL_TOKENS = 512;

    @Option(names = "--vocab", defaultValue = "256")
    int vocab;
    @Option(names = "--batch", defaultValue = "32")
    int batch;
    @Option(names = "--warmup", defaultValue = "5")
    int warmup;
    @Option(names = "--steps", defaultValue = "20")
    int steps;
    @Option(names = "--prompt", defaultValue = "16")
    int prompt;
    @Option(names = "--gen-tokens", defaultValue = "256")
    int genTokens;
    @Option(names = "--gen-repeats", defaultValue = "3")
    int repeats;
    @Option(names = "--gen-warmups", defaultValue = "3",
            description = "At least this many untimed full-length generations before the timed ones (default 3): "
                    + "the JIT compiles the kernels during the first ones; the first one's rate is reported as "
                    + "*_cold.")
    int warmups;
    @Option(names = "--gen-warmup-seconds", defaultValue = "5",
            description = "Warm-up generations go on until this many seconds have passed too (default 5): on a "
                    + "busy machine the JIT needs ~5 s of decoding before the rate is steady (session 14).")
    double warmupSeconds;
    @Option(names = "--no-nocache", description = "Skip the slow no-cache generation benchmark.")
    boolean noNocache;
    @Option(names = "--no-train", description = "Skip the training benchmark.")
    boolean noTrain;
    @Option(names = "--seed", defaultValue = "1337")
    long seed;
    @Override
    public Integer call() throws Exception {
        ModelConfig mc = backbone.toConfig(vocab);
        Limits.argument(repeats, 1, 1000, "--gen-repeats");
        Limits.argument(warmups, 0, 1000, "--gen-warmups");
        if (!(warmupSeconds >= 0 && warmupSeconds <= 600)) {
            throw new IllegalArgumentException("--gen-warmup-seconds must be 0 to 600, got " + warmupSeconds);
        }
        Limits.argument(genTokens, 1, 1_000_000, "--gen-tokens");
        Limits.argument(prompt, 1, mc.contextLength(), "--prompt");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", "djl-pytorch");
        out.put("arch", backbone.arch);
        out.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        out.put("config", Map.of("vocab", vocab, "context", mc.contextLength(), "n_layer", mc.layers(), "n_head",
                mc.heads(), "d_model", mc.dModel()));
        out.put("batch", batch);
        try (DecoderModel model = DecoderModel.create(mc, seed, Device.cpu())) {
            out.put("params", model.parameterCount());
            if (!noTrain) {
                out.putAll(benchTrain(model));
            }
            int[] p = new SplittableRandom(seed).ints(prompt, 0, vocab).toArray();
            double djl = benchGen(new DjlDecodeEngine(model), List.of(p)).median();
            Rates jvmRates = benchGen(new JvmDecodeEngine(model), List.of(p));
            double[] jvmRuns = jvmRates.timed();
            double jvm = jvmRates.median();
            double[] batchRuns = benchGenBatch(new JvmDecodeEngine(model), 8).timed();
            out.put("gen_prompt", prompt);
            out.put("gen_new_tokens", genTokens);
            out.put("gen_tokens_per_s_djl", djl);
            out.put("gen_tokens_per_s_jvm", jvm);
            out.put("gen_tokens_per_s_jvm_runs", jvmRuns);
            out.put("gen_tokens_per_s_jvm_cold", jvmRates.cold());
            out.put("gen_warmups", jvmRates.warmups());
            out.put("gen_warmup_seconds", warmupSeconds);
            out.put("gen_tokens_per_s_jvm_batch8", median(batchRuns));
            out.put("gen_tokens_per_s_jvm_batch8_runs", batchRuns);
            out.put("gen_tokens_per_s", jvm);
            out.put("gen_default_engine", "jvm");
            out.put("prefill_prompt", PREFILL_TOKENS);
            out.put("prefill_tokens_per_s_jvm", benchPrefill(mc));
            if (!noNocache) {
                out.put("gen_tokens_per_s_nocache", benchGen(new RecomputeDecodeEngine(model), List.of(p)).median());
            }
        }
        output.print(out);
        return 0;
    }

    private Map<String, Object> benchTrain(DecoderModel model) throws Exception {
        VocabularyLayout layout = VocabularyLayout.plain("bytes", vocab);
        int total = warmup + steps;
        TrainingConfig tc = new TrainingConfig(total, 1e-3, 1e-3, 0, 0.1, 0.9, 0.99, 1e-8, 0, 1, 0, 0, seed);
        List<Double> times = new ArrayList<>();
        double[] last = {0};
        try (TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            // random token data, pre-generated (not timed), as the reference does
            int[][][] data = new int[total][][];
            SplittableRandom rng = new SplittableRandom(seed);
            for (int s = 0; s < total; s++) {
                data[s] = new int[batch][];
                for (int b = 0; b < batch; b++) {
                    data[s][b] = rng.ints(model.config().contextLength() + 1, 0, vocab).toArray();
                }
            }
            loop.listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    if (m.step() >= warmup) {
                        times.add(m.elapsedSeconds() - last[0]);
                    }
                    last[0] = m.elapsedSeconds();
                }
            });
            loop.run((step, micro) -> loss.loss(model, TokenBatch.shifted(data[(int) step], null), scratch));
        }
        double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double med = t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_step_ms_median", med * 1e3);
        m.put("train_tokens_per_s", batch * model.config().contextLength() / med);
        m.put("train_steps_timed", steps);
        return m;
    }

    /**
     * Aggregate tokens/s of {@code batch} sequences generated together (lock-step, one batched pass
     * per token), each with its own random prompt of {@code --prompt} ids and {@code --gen-tokens}.
     */
    private Rates benchGenBatch(DecodeEngine engine, int batch) {
        SplittableRandom r = new SplittableRandom(seed + 1);
        List<int[]> prompts = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            prompts.add(r.ints(prompt, 0, vocab).toArray());
        }
        return benchGen(engine, prompts);
    }

    /**
     * Tokens/s of all rows together generating from {@code prompts}, one rate per repeat after at least
     * {@code --gen-warmups} warm-ups lasting at least {@code --gen-warmup-seconds} in all.
     */
    private Rates benchGen(DecodeEngine engine, List<int[]> prompts) {
        Generator gen = new Generator(engine, null);
        SamplingConfig cfg = SamplingConfig.sample(1.0, seed, genTokens)
                .withPolicies(SamplingConfig.PromptPolicy.REJECT, SamplingConfig.OverflowPolicy.SLIDE);
        double cold = Double.NaN;
        int done = 0;
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (done < warmups || System.nanoTime() < warmEnd) {
            double rate = generate(gen, prompts, cfg.withSeed(seed + done));
            if (done == 0) {
                cold = rate;
            }
            done++;
        }
        double[] rates = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            rates[k] = generate(gen, prompts, cfg.withSeed(seed + 1_000_000 + k));
        }
        return new Rates(cold, done, rates);
    }

    /** Tokens/s of one generation of every prompt together. */
    private static double generate(Generator gen, List<int[]> prompts, SamplingConfig cfg) {
        long t0 = System.nanoTime();
        int n = 0;
        for (var res : gen.generateBatch(prompts, cfg, List.of(), null)) {
            n += res.tokens().length;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Tokens/s of one generation benchmark.
     *
     * @param cold the first warm-up's rate (the JIT compiling, for the first engine measured); NaN without warm-ups
     * @param warmups how many warm-up generations ran
     * @param timed one rate per timed repeat
     */
    private record Rates(double cold, int warmups, double[] timed) {
        double median() {
            return BenchCommand.median(timed);
        }
    }

    /** The median of the repeats (the middle one, as the reference takes it, for an odd count). */
    private static double median(double[] rates) {
        double[] r = rates.clone();
        Arrays.sort(r);
        return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
    }

    /**
     * Prompt tokens/s of the JVM engine reading a {@value #PREFILL_TOKENS}-token prompt into an empty
     * cache (the bench's model shape with its context raised to fit the prompt; median of 3 after 2
     * warm-ups).
     */
    private double benchPrefill(ModelConfig mc) {
        ModelConfig big = new ModelConfig(mc.architecture(), mc.vocabSize(), Math.max(mc.contextLength(), PREFILL_TOKENS),
                mc.layers(), mc.heads(), mc.kvHeads(), mc.dModel(), mc.ffHidden(), mc.normEps(), mc.ropeTheta(),
                mc.tiedHead());
        JvmDecodeEngine engine;
        try (DecoderModel m = DecoderModel.create(big, seed, Device.cpu())) {
            engine = new JvmDecodeEngine(m);
        }
        int[] ids = new SplittableRandom(seed + 2).ints(PREFILL_TOKENS, 0, vocab).toArray();
        double[] rates = new double[3];
        for (int k = -2; k < rates.length; k++) {
            try (DecodeEngine.Session s = engine.open(1)) {
                long t0 = System.nanoTime();
                s.prefill(new int[][] {ids}, new int[] {0});
                if (k >= 0) {
                    rates[k] = PREFILL_TOKENS / ((System.nanoTime() - t0) / 1e9);
                }
            }
        }
        return median(rates);
    }
}
