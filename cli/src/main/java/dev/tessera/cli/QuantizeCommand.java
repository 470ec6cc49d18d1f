package dev.tessera.cli;

import dev.tessera.core.infer.JvmWeights;
import dev.tessera.core.infer.Quantizer;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.charset.StandardCharsets;
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
import picocli.CommandLine.Option;

/**
 * {@code tessera quantize}: post-training weight quantisation of a bundle (int8 per output row, int4
 * group-wise round-to-nearest, or int4 GPTQ calibrated on a text file). The result is a bundle whose
 * weights are stored quantised; {@code tessera generate} runs it on the JVM engine.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Quantise a model bundle's weights (int8 | int4 | int4-gptq) into a smaller bundle.")
public final class QuantizeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "The fp32 .tessera bundle.")
    Path model;
    @Option(names = "--scheme", required = true, description = "int8, int4 or int4-gptq.")
    String scheme;
    @Option(names = "--group", defaultValue = "32", description = "int4 group size (default: ${DEFAULT-VALUE}).")
    int group;
    @Option(names = "--calibration", description = "Text file for int4-gptq, tokenised with the bundle's text modality.")
    Path calibration;
    @Option(names = "--calibration-windows", defaultValue = "16", description = "GPTQ calibration windows (default: ${DEFAULT-VALUE}).")
    int windows;
    @Option(names = "--out", required = true, description = "The quantised bundle to write (atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!scheme.matches("int8|int4|int4-gptq")) {
            throw new IllegalArgumentException("--scheme '" + scheme + "' is not one of int8, int4, int4-gptq");
        }
        if (scheme.equals("int4-gptq") && calibration == null) {
            throw new IllegalArgumentException("--scheme int4-gptq needs --calibration FILE (text from the training data)");
        }
        try (ModelBundle b = ModelBundle.load(model)) {
            if (b.quantizedWeights().isPresent()) {
                throw new IllegalArgumentException(model + " is already quantised (" + b.quantizedWeights().get().format()
                        + "); quantise the fp32 bundle");
            }
            JvmWeights fp32 = JvmWeights.from(b.model());
            JvmWeights q = switch (scheme) {
                case "int8" -> Quantizer.int8(fp32);
                case "int4" -> Quantizer.int4(fp32, group);
                default -> Quantizer.int4Gptq(fp32, group, calibrationWindows(b), 0.01);
            };
            Map<String, String> meta = new LinkedHashMap<>(b.metadata());
            meta.put("quantization", scheme + (scheme.startsWith("int4") ? " group " + group : ""));
            ModelBundle.of(b.model(), b.layout(), List.copyOf(b.modalities().values()), meta, q).save(out);
            System.out.printf("%s: %s -> %s, %d -> %d bytes (weights %.2f -> %.2f MB)%n", scheme, model, out,
                    Files.size(model), Files.size(out), fp32.bytes() / 1e6, q.bytes() / 1e6);
        }
        return 0;
    }

    private List<int[]> calibrationWindows(ModelBundle b) throws Exception {
        VocabularyLayout layout = b.layout();
        String name = layout.framed() ? "text" : layout.modalities().get(0);
        Modality<String> text = b.modality(name, String.class);
        Segment seg = text.tokenizer().encode(Files.readString(calibration, StandardCharsets.UTF_8));
        int[] ids = TokenSequence.of(seg).toGlobalIds(layout, false);
        int len = b.model().config().contextLength();
        if (ids.length < len + 1) {
            throw new IllegalArgumentException("calibration text " + calibration + " has " + ids.length
                    + " tokens; GPTQ needs at least one window of " + (len + 1));
        }
        SplittableRandom r = new SplittableRandom(17);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            int from = r.nextInt(ids.length - len);
            out.add(Arrays.copyOfRange(ids, from, from + len));
        }
        return out;
    }
}
