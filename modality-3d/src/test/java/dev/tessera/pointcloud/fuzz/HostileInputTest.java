package dev.tessera.pointcloud.fuzz;

import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.pointcloud.io.GeometryFiles;
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
            GeometryFiles.read(k.file());
        });
    }
}
