package dev.tessera.samples.cli;

import dev.tessera.core.api.Answer;
import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.PromptTooLongException;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.infer.EngineChoice;
import dev.tessera.core.io.Limits;
import dev.tessera.core.io.ModelBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera generate}: continue a text prompt with a saved model. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Continue a text prompt.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A .tessera bundle with a text modality.")
    Path model;
    @Option(names = "--prompt", required = true)
    String prompt;
    @Option(names = "--max-tokens", defaultValue = "200")
    int maxTokens;
    @Option(names = "--temperature", defaultValue = "0.8", description = "0 = greedy (default: ${DEFAULT-VALUE}).")
    double temperature;
    @Option(names = "--top-k", defaultValue = "0")
    int topK;
    @Option(names = "--top-p", defaultValue = "1.0")
    double topP;
    @Option(names = "--min-p", defaultValue = "0")
    double minP;
    @Option(names = "--repetition-penalty", defaultValue = "1.0")
    double repetitionPenalty;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--stream", description = "Print tokens as they are generated.")
    boolean stream;
    @Option(names = "--truncate-prompt", description = "Keep the end of a too-long prompt instead of failing.")
    boolean truncatePrompt;
    @Option(names = "--engine", defaultValue = "auto",
            description = "auto | jvm | djl: the pure-JVM decoder (auto's choice on a CPU; runs a quantised bundle's "
                    + "int8/int4 weights) or DJL's per-op PyTorch calls.")
    String engine;

    /** Checks the flags before anything is loaded, naming the flag that is wrong. */
    private void checkFlags() {
        Limits.argument(maxTokens, 1, SamplingConfig.MAX_NEW_TOKENS, "--max-tokens");
        Limits.argument(temperature, 0, 1e6, "--temperature");
        Limits.argument(topK, 0, Integer.MAX_VALUE, "--top-k");
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("--top-p is " + topP + "; it must be in (0, 1] (1 turns it off)");
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new IllegalArgumentException("--min-p is " + minP + "; it must be in [0, 1) (0 turns it off)");
        }
        Limits.argument(repetitionPenalty, 1, 1e6, "--repetition-penalty");
    }

    @Override
    public Integer call() throws Exception {
        checkFlags();
        SamplingConfig cfg = new SamplingConfig(temperature, topK, topP, minP, repetitionPenalty, seed, maxTokens,
                new int[0], truncatePrompt ? SamplingConfig.PromptPolicy.KEEP_LAST : SamplingConfig.PromptPolicy.REJECT,
                SamplingConfig.OverflowPolicy.SLIDE);
        try (TesseraModel m = TesseraModel.of(ModelBundle.load(model), EngineChoice.parse(engine))) {
            String text = m.modalities().containsKey("text") ? "text"
                    : m.modalities().values().stream().filter(x -> x.type() == String.class).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(model + " has no text modality; it has "
                                    + m.modalities().keySet())).name();
            if (stream) {
                System.out.print(prompt);
                System.out.flush();
            }
            Answer<String> a;
            try {
                a = m.answer(Prompt.of(Prompt.part(text, prompt)), text, String.class, cfg, stream ? piece -> {
                    System.out.print(piece);
                    System.out.flush();
                } : null);
            } catch (PromptTooLongException e) {
                throw new IllegalArgumentException("--prompt is longer than the model's context of "
                        + m.bundle().model().config().contextLength() + " tokens; shorten it, or pass "
                        + "--truncate-prompt to keep its end", e);
            }
            System.out.println(stream ? "" : prompt + a.value());
            GenerationResult r = a.generation();
            System.err.printf("%d tokens, %.1f tokens/s, finished: %s%n", r.tokens().length, r.tokensPerSecond(),
                    r.reason());
        }
        return 0;
    }
}
