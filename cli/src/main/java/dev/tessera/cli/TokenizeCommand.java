package dev.tessera.cli;

import dev.tessera.core.io.Json;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TextTokenizer;
import dev.tessera.text.TokenFiles;
import dev.tessera.text.bpe.ByteLevelBpe;
import dev.tessera.text.bpe.Gpt2Vocabulary;
import dev.tessera.text.bpe.HfTokenizerJson;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import dev.tessera.text.hf.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera tokenize}: text file to ids (one per line) and back. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Encodes a UTF-8 text file to token ids (one per line), or decodes ids back with --decode.")
public final class TokenizeCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    static final class Vocabulary {
        @Option(names = "--gpt2", paramLabel = "DIR", description = "Folder with GPT-2's encoder.json and vocab.bpe.")
        Path gpt2;

        @Option(names = "--tokenizer-json", paramLabel = "FILE", description = "A Hugging Face tokenizer.json "
                + "(byte-level BPE is run by Tessera; add --djl for any other model type).")
        Path tokenizerJson;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Vocabulary vocabulary;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Input: text (encode) or ids (decode).")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (ids one per line, or text). "
            + "Without it, encoding writes no ids and decoding prints the text.")
    Path out;

    @Option(names = "--decode", description = "Decode ids to text instead of encoding.")
    boolean decode;

    @Option(names = "--special", paramLabel = "POLICY", description = "Special tokens (e.g. <|endoftext|>) in the "
            + "text: ALLOW (emit their ids), REJECT (error), ENCODE_AS_TEXT (default: ${DEFAULT-VALUE}).")
    SpecialTokenPolicy special = SpecialTokenPolicy.REJECT;

    @Option(names = "--surrogates", paramLabel = "POLICY", description = "Lone surrogates: REJECT or REPLACE "
            + "(default: ${DEFAULT-VALUE}).")
    SurrogatePolicy surrogates = SurrogatePolicy.REJECT;

    @Option(names = "--djl", description = "Run --tokenizer-json through DJL's Hugging Face binding (any model type).")
    boolean djl;

    @Override
    public Integer call() throws Exception {
        TextTokenizer tok;
        HfTokenizer hf = null;
        if (vocabulary.gpt2 != null) {
            tok = Gpt2Vocabulary.load(vocabulary.gpt2).withSurrogatePolicy(surrogates);
        } else if (djl) {
            hf = HfTokenizer.load(vocabulary.tokenizerJson);
            tok = hf;
        } else {
            tok = HfTokenizerJson.read(vocabulary.tokenizerJson, surrogates);
        }
        try {
            TokenFiles.Result r;
            StringBuilder text = new StringBuilder();
            if (decode) {
                r = TokenFiles.decode(tok::decode, in, out, out == null ? text : null);
            } else {
                TextTokenizer t = tok;
                r = TokenFiles.encode(t instanceof ByteLevelBpe ? s -> ((ByteLevelBpe) t).encode(s, special) : t::encode, in, out);
            }
            if (decode && out == null) {
                System.out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                System.out.flush();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tokens", r.tokens());
            m.put("bytes", r.bytes());
            m.put("seconds", r.seconds());
            m.put("mb_per_s", r.mbPerS());
            m.put("mode", decode ? "decode" : "encode");
            if (out != null) {
                m.put("out", out.toString());
            }
            // stdout may hold the decoded text: the summary always goes to stderr
            output.print(m, ignored -> System.err.printf("%s %d tokens, %d bytes in %.3f s (%.2f MB/s)%s%n",
                    decode ? "decoded" : "encoded", r.tokens(), r.bytes(), r.seconds(), r.mbPerS(),
                    out != null ? " -> " + out : ""));
            return 0;
        } finally {
            if (hf != null) {
                hf.close();
            }
        }
    }
}
