package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.ModelConfig;
import picocli.CommandLine.Option;

/**
 * The backbone's shape flags of the commands that build a model ({@code train-text}, {@code bench}): the block
 * style, depth, heads, width and context, checked with messages that name the flag.
 */
public final class BackboneOptions {
    /** The largest model these commands build (4 GB of weights, 12 GB with AdamW's moments). */
    static final long MAX_PARAMETERS = 1_000_000_000L;

    @Option(names = "--arch", defaultValue = "modern", description = "modern | gpt2 (default: ${DEFAULT-VALUE}).")
    String arch;
    @Option(names = "--layers", defaultValue = "4", description = "Transformer blocks (default: ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--heads", defaultValue = "4", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;
    @Option(names = "--d-model", defaultValue = "128", description = "Width (default: ${DEFAULT-VALUE}).")
    int dModel;
    @Option(names = "--context", defaultValue = "128", description = "Context length in tokens (default: "
            + "${DEFAULT-VALUE}).")
    int context;

    /** @return the architecture named by {@code --arch} */
    public Architecture architecture() {
        return Architectures.parse(arch);
    }

    /**
     * The model config of these flags.
     *
     * @param vocabulary the vocabulary size
     * @return the config
     * @throws IllegalArgumentException naming the flag that is out of range
     */
    public ModelConfig toConfig(int vocabulary) {
        check(layers, heads, dModel, "--d-model");
        Limits.argument(context, 1, Limits.MAX_CONTEXT, "--context");
        long floats = 12L * layers * dModel * dModel + 2L * vocabulary * dModel + (long) context * dModel;
        if (floats > MAX_PARAMETERS) {
            throw new IllegalArgumentException("--layers " + layers + " --d-model " + dModel + " make a model of about "
                    + floats / 1_000_000 + " M parameters (" + floats * 4 * 3 / (1L << 30) + " GiB with AdamW's "
                    + "state); this command trains at most " + MAX_PARAMETERS / 1_000_000 + " M");
        }
        return build(architecture(), vocabulary, context, layers, heads, dModel);
    }

    /**
     * Checks a backbone's shape flags and builds its config with placeholder vocabulary and context (a trainer
     * sets both from its layout); the one check of these flags for every command that builds a model.
     *
     * @param architecture the block style
     * @param layers {@code --layers}
     * @param heads {@code --heads}
     * @param width the width flag's value
     * @param widthFlag the width flag's name ({@code --d-model}, {@code --width}), for the messages
     * @return the config
     * @throws IllegalArgumentException naming the flag that is out of range
     */
    static ModelConfig shape(Architecture architecture, int layers, int heads, int width, String widthFlag) {
        check(layers, heads, width, widthFlag);
        return build(architecture, 2, 2, layers, heads, width);
    }

    private static void check(int layers, int heads, int width, String widthFlag) {
        Limits.argument(layers, 1, ModelConfig.MAX_LAYERS, "--layers");
        Limits.argument(width, 1, ModelConfig.MAX_WIDTH, widthFlag);
        Limits.argument(heads, 1, width, "--heads");
        if (width % heads != 0) {
            throw new IllegalArgumentException(widthFlag + " " + width + " is not a multiple of --heads " + heads);
        }
    }

    private static ModelConfig build(Architecture a, int vocabulary, int context, int layers, int heads, int width) {
        return a == Architecture.GPT2 ? ModelConfig.gpt2(vocabulary, context, layers, heads, width)
                : ModelConfig.modern(vocabulary, context, layers, heads, width);
    }
}
