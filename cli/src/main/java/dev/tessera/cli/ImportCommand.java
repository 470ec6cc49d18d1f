package dev.tessera.cli;

import ai.djl.Device;
import dev.tessera.core.bundle.GptRefFormat;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessera import --format gpt-ref DIR --out model.tessera}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import weights from another implementation into a .tessera bundle.")
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, description = "gpt-ref (a gpt_ref.py --export folder).")
    String format;
    @Parameters(index = "0", description = "The folder to import.")
    Path dir;
    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("gpt-ref")) {
            throw new IllegalArgumentException("--format '" + format + "' is not supported; use gpt-ref");
        }
        try (DecoderModel m = GptRefFormat.load(dir, Device.cpu())) {
            int v = m.config().vocabSize();
            VocabularyLayout layout = VocabularyLayout.plain("text", v);
            List<Modality<?>> mods = v == 256 ? List.of(ByteText.modality())
                    : List.of();
            ModelBundle.of(m, layout, mods, Map.of("imported_from", dir.toAbsolutePath().toString(), "format", format))
                    .save(out);
            System.out.printf("imported %,d parameters (%s) into %s%n", m.parameterCount(), m.config(), out);
        }
        return 0;
    }
}
