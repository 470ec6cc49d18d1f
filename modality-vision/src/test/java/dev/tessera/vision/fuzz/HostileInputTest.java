package dev.tessera.vision.fuzz;

import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.vision.data.IdxReader;
import dev.tessera.vision.image.Images;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays this module's corpus of bad inputs (see {@link HostileCorpus}). */
class HostileInputTest {

    static List<HostileCorpus.Case> cases() {
        return HostileCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithALocatedError(HostileCorpus.Case c) {
        HostileCorpus.assertRejected(c, CorruptFileException.class, k -> {
            if (k.format().equals("idx")) {
                IdxReader.read(k.file());
            } else {
                Images.read(k.file());
            }
        });
    }
}
