package dev.tessera.core.fuzz;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.ModelBundle;
import dev.tessera.core.io.Safetensors;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays sdk-core's corpus of bad safetensors files and bundles (see {@link HostileCorpus}). */
class HostileInputTest {

    static List<HostileCorpus.Case> cases() {
        return HostileCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithALocatedError(HostileCorpus.Case c) {
        HostileCorpus.assertRejected(c, CorruptFileException.class, k -> {
            switch (k.format()) {
                case "safetensors":
                    Safetensors.read(k.file());
                    break;
                case "bundle":
                    ModelBundle.load(k.file()).close();
                    break;
                default:
                    throw new AssertionError("no reader for " + k.format());
            }
        });
    }
}
