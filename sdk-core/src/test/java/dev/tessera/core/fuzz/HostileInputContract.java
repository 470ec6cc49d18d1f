package dev.tessera.core.fuzz;

import dev.tessera.core.io.CorruptFileException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The replay of a module's corpus of bad inputs: every case must be rejected with a located
 * {@link CorruptFileException} (see {@link HostileCorpus#assertRejected}). A module's
 * {@code HostileInputTest} extends this and says how to read a case's format.
 */
public abstract class HostileInputContract {

    /**
     * Lists the cases of the module under test.
     *
     * @return the cases
     */
    public static List<HostileCorpus.Case> cases() {
        return HostileCorpus.cases();
    }

    /**
     * Reads a case's file the way a user's command would.
     *
     * @param c the case
     * @throws Exception the reader's error
     */
    protected abstract void read(HostileCorpus.Case c) throws Exception;

    /**
     * Replays one case.
     *
     * @param c the case
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tessera.core.fuzz.HostileInputContract#cases")
    public void rejectedWithALocatedError(HostileCorpus.Case c) {
        HostileCorpus.assertRejected(c, CorruptFileException.class, this::read);
    }
}
