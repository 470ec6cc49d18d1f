package dev.tessera.text.fuzz;

import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.fuzz.HostileInputContract;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TokenFiles;
import dev.tessera.text.bpe.Gpt2Vocabulary;
import dev.tessera.text.bpe.HfTokenizerJson;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/** Replays this module's corpus of bad inputs (see {@link HostileCorpus}). */
class HostileInputTest extends HostileInputContract {

    @Override
    protected void read(HostileCorpus.Case k) throws Exception {
        switch (k.format()) {
            case "tokenizer-json":
                HfTokenizerJson.read(k.file(), SurrogatePolicy.REJECT);
                break;
            case "gpt2": {
                // the case file is encoder.json, a NUL byte, then vocab.bpe: split into the two files
                byte[] b = Files.readAllBytes(k.file());
                int nul = FuzzSupport.indexOf(b, (byte) 0);
                java.nio.file.Path dir = Files.createTempDirectory("gpt2");
                java.nio.file.Path enc = Files.write(dir.resolve("encoder.json"), Arrays.copyOfRange(b, 0, nul));
                java.nio.file.Path bpe = Files.write(dir.resolve("vocab.bpe"), Arrays.copyOfRange(b, nul + 1, b.length));
                try {
                    Gpt2Vocabulary.load(enc, bpe, List.of(Gpt2Vocabulary.END_OF_TEXT), SurrogatePolicy.REJECT);
                } catch (CorruptFileException e) {
                    // name the case file, not the scratch copies, in the recorded message
                    throw new CorruptFileException(k.file().toString(), e.getMessage().replace(dir + "/", ""), e);
                }
                break;
            }
            case "ids":
                TokenFiles.readIds(k.file());
                break;
            default:
                throw new AssertionError("no reader for " + k.format());
        }
    }
}
