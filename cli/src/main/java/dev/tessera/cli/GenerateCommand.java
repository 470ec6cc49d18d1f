package dev.tessera.cli;

import dev.tessera.core.api.Answer;
import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.PromptTooLongException;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.infer.EngineChoice;
import dev.tessera.core.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera generate}: continue a text prompt with a saved model. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Continue a text prompt.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A .tessera bundle with a text modality.")
    Path model;
    @Option(names = "--prompt", required = true)
    String prompt;
    @Mixin
    SamplingOptions sampling;
    @Option(names = "--stream", description = "Print tokens as they are generated.")
    boolean stream;
    @Option(names = "--engine", defaultValue = "auto",
            description = "auto | jvm | djl: the pure-JVM decoder (auto's choice on a CPU; runs a quantised bundle's "
                    + "int8/int4 weights) or DJL's per-op PyTorch calls.")
    String engine;

    @Override
    public Integer call() throws Exception {
        SamplingConfig cfg = sampling.toConfig(200, 0, SamplingConfig.OverflowPolicy.SLIDE);
        try (TesseraModel m = TesseraModel.of(ModelBundle.load(model), EngineChoice.parse(engine))) {
            String text = m.modalities().containsKey("text") ? "text" : m.modality(String.class).name();
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
