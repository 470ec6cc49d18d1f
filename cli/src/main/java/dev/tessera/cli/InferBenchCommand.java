package dev.tessera.cli;

import ai.djl.Device;
import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.infer.DecodeBenchmark;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.infer.JvmWeights;
import dev.tessera.core.infer.MemoryBandwidth;
import dev.tessera.core.infer.QuantizationStudy;
import dev.tessera.core.infer.Quantizer;
import dev.tessera.core.io.Json;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.samples.lm.ByteCorpus;
import dev.tessera.samples.lm.ByteLmTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Measures the JVM decode engine: batch-1 tokens/s next to DJL on the reference config (fp32,
 * int8, int4), optionally a GPT-2-small sized config with its memory-bandwidth bound, and
 * optionally quantisation quality on a byte-level text model trained on a file. Prints one JSON
 * object on standard output (with {@code --big}, {@code schemes} maps fp32, int8 and int4 to their
 * {@code tokens_per_s} and {@code bandwidth_fraction}); progress goes to standard error.
 */
@Command(name = "infer-bench", mixinStandardHelpOptions = true,
        description = "JVM decode engine speed (vs DJL), bandwidth bound, and quantisation quality.")
public final class InferBenchCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;
    @Option(names = "--arch", description = "gpt2 or modern (default ${DEFAULT-VALUE})")
    String arch = "gpt2";
    @Option(names = "--runs", description = "timed runs (median reported, default ${DEFAULT-VALUE})")
    int runs = 3;
    @Option(names = "--big", description = "also run 12 layers, d_model 768, context 1024, vocab 50257")
    boolean big;
    @Option(names = "--no-djl", description = "skip the DJL engine")
    boolean noDjl;
    @Option(names = "--quality", description = "train a byte model on --data and compare fp32/int8/int4/GPTQ")
    boolean quality;
    @Option(names = "--data", description = "text file for --quality (default ${DEFAULT-VALUE})")
    Path data = Path.of("data/text/moby-dick.txt");
    @Option(names = "--steps", description = "training steps for --quality (default ${DEFAULT-VALUE})")
    int steps = 300;
    @Option(names = "--batch", description = "training batch for --quality (default ${DEFAULT-VALUE})")
    int batch = 32;
    @Option(names = "--val-windows", description = "validation windows scored (default ${DEFAULT-VALUE}, 0 = all)")
    int valWindows = 200;
    @Option(names = "--group", description = "int4 group size (default ${DEFAULT-VALUE})")
    int group = 32;
    @Option(names = "--out", description = "folder for the quantised weight files (default ${DEFAULT-VALUE})")
    Path out = Path.of("out/infer");
    @Override
    public Integer call() throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kernels", JvmDecodeEngine.kernels());
        json.put("threads", Runtime.getRuntime().availableProcessors());
        Architecture a = Architecture.valueOf(arch.toUpperCase());
        ModelConfig ref = a == Architecture.GPT2 ? ModelConfig.gpt2(256, 128, 4, 4, 128)
                : ModelConfig.modern(256, 128, 4, 4, 128);
        try (DecoderModel model = DecoderModel.create(ref, 1, Device.cpu())) {
            json.put("params", model.parameterCount());
            JvmWeights w = JvmWeights.from(model);
            speed(json, "gen_tokens_per_s_jvm", new JvmDecodeEngine(w));
            speed(json, "gen_tokens_per_s_jvm_int8", new JvmDecodeEngine(Quantizer.int8(w)));
            speed(json, "gen_tokens_per_s_jvm_int4", new JvmDecodeEngine(Quantizer.int4(w, group)));
            if (!noDjl) {
                speed(json, "gen_tokens_per_s_djl", new DjlDecodeEngine(model));
            }
        }
        if (big) {
            bigConfig(json);
        }
        if (quality) {
            quality(json);
        }
        output.print(json);
        return 0;
    }

    private void speed(Map<String, Object> json, String key, DecodeEngine e) {
        DecodeBenchmark.Result r = DecodeBenchmark.run(e, 16, 256, 2, runs, 7);
        System.err.printf("%s: %.1f tokens/s (runs %s)%n", key, r.medianTokensPerSecond(),
                Arrays.toString(r.tokensPerSecond()));
        json.put(key, Math.round(r.medianTokensPerSecond() * 10) / 10.0);
    }

    /**
     * GPT-2-small sized decoding (12 layers, d 768, vocab 50,257) in fp32, int8 and int4, each beside
     * its memory-bandwidth bound: the bytes it reads per token over the measured read bandwidth.
     */
    private void bigConfig(Map<String, Object> json) {
        ModelConfig cfg = ModelConfig.gpt2(50257, 1024, 12, 12, 768);
        JvmWeights w;
        try (DecoderModel model = DecoderModel.create(cfg, 1, Device.cpu())) {
            json.put("big_params", model.parameterCount());
            w = JvmWeights.from(model);
        }
        // this machine's memory bandwidth moves 2x from minute to minute (other tenants), so each scheme's
        // bound is the best of measurements just before and just after its own decoding runs
        double before = MemoryBandwidth.readBytesPerSecond(512, 3);
        json.put("memory_read_gb_per_s", Math.round(before / 1e8) / 10.0);
        Map<String, JvmWeights> variants = new LinkedHashMap<>();
        variants.put("fp32", w);
        variants.put("int8", Quantizer.int8(w));
        variants.put("int4", Quantizer.int4(w, group));
        Map<String, Object> schemes = new LinkedHashMap<>();
        for (Map.Entry<String, JvmWeights> e : variants.entrySet()) {
            JvmDecodeEngine eng = new JvmDecodeEngine(e.getValue());
            DecodeBenchmark.Result r = DecodeBenchmark.run(eng, 16, 256, 1, runs, 7);
            double after = MemoryBandwidth.readBytesPerSecond(512, 3);
            double bw = Math.max(before, after);
            before = after;
            long bytes = e.getValue().bytesPerToken();
            double bound = bw / bytes;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("format", e.getValue().format());
            row.put("tokens_per_s", Math.round(r.medianTokensPerSecond() * 100) / 100.0);
            row.put("runs_tokens_per_s", Arrays.stream(r.tokensPerSecond()).map(x -> Math.round(x * 100) / 100.0).toArray());
            row.put("weight_mb_per_token", Math.round(bytes / 1e5) / 10.0);
            row.put("memory_read_gb_per_s", Math.round(bw / 1e8) / 10.0);
            row.put("bandwidth_bound_tokens_per_s", Math.round(bound * 100) / 100.0);
            row.put("bandwidth_fraction", Math.round(r.medianTokensPerSecond() / bound * 1000) / 1000.0);
            schemes.put(e.getKey(), row);
            System.err.printf("big %s: %.2f tokens/s (runs %s), bound %.2f at %.1f GB/s (%.0f%%)%n", e.getKey(),
                    r.medianTokensPerSecond(), Arrays.toString(r.tokensPerSecond()), bound, bw / 1e9,
                    100 * r.medianTokensPerSecond() / bound);
        }
        json.put("schemes", schemes);
    }

    private void quality(Map<String, Object> json) throws Exception {
        Files.createDirectories(out);
        Path bundle = out.resolve("moby.tessera");
        int ctx = 128;
        ByteLmTrainer.Result tr = ByteLmTrainer.run(new ByteLmTrainer.Options(data,
                ByteLmTrainer.Options.byteModel(Architecture.valueOf(arch.toUpperCase()), ctx, 4, 4, 128), batch, steps,
                1e-3, 1, bundle, null), System.err);
        json.put("quality_steps", steps);
        json.put("quality_djl_val_bpc_all_windows", tr.valBpc());
        json.put("bundle_bytes_fp32", Files.size(bundle));
        ByteCorpus corpus = ByteCorpus.read(data, ctx);
        List<int[]> val = new ArrayList<>(Arrays.asList(corpus.validationWindows(ctx)));
        if (valWindows > 0 && val.size() > valWindows) {
            val = val.subList(0, valWindows);
        }
        List<int[]> calib = Arrays.asList(corpus.sample(new SplittableRandom(99), 16, ctx));
        try (ModelBundle b = ModelBundle.load(bundle)) {
            JvmWeights fp32 = JvmWeights.from(b.model());
            List<QuantizationStudy.Row> rows = QuantizationStudy.run(fp32, val,
                    calib.stream().map(x -> Arrays.copyOf(x, ctx)).toList(), group, (variant, w) -> {
                        // Each variant as a complete model bundle (quantised weights inside), as a user ships it.
                        Path p = out.resolve("moby-" + variant + ".tessera");
                        ModelBundle.of(b.model(), b.layout(), List.copyOf(b.modalities().values()),
                                Map.of("quantization", variant), w == fp32 ? null : w).save(p);
                        return Files.size(p);
                    });
            json.put("quality_val_windows", val.size());
            for (QuantizationStudy.Row r : rows) {
                json.put("val_bpc_" + r.variant(), Math.round(r.bitsPerToken() * 10000) / 10000.0);
                json.put("bundle_bytes_" + r.variant(), r.fileBytes());
                System.err.println(r);
            }
        }
    }
}
