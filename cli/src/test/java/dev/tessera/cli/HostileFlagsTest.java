package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.chars.ByteTokenizer;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.modality.TextModality;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs the {@code tessera} command line with bad flags and bad files (the cases in
 * {@code src/test/resources/hostile/flags.tsv}; {@code $MODEL}, {@code $CORPUS} and {@code $TMP}
 * stand for a tiny bundle, the corpus folder and a scratch folder holding {@code text.ckpt}, a checkpoint of
 * {@code train-text}): each must exit non-zero with
 * exactly one line on stderr that contains the expected fragment, and print no stack trace.
 */
class HostileFlagsTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void tinyBundle() throws IOException {
        model = tmp.resolve("tiny.tessera");
        Modality<String> text = TextModality.of("bytes", new ByteTokenizer(SurrogatePolicy.REPLACE));
        VocabularyLayout layout = VocabularyLayout.plain("bytes", text.vocabularySize());
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(layout.size(), 8, 1, 1, 8), 1, Device.cpu())) {
            ModelBundle.of(m, layout, List.of(text), Map.of()).save(model);
        }
        // a checkpoint of another command, for the resume cases ($TMP/text.ckpt)
        int status = TesseraCli.commandLine().execute("train-text", "--data", "src/test/resources/hostile/flags.tsv",
                "--steps", "2", "--layers", "1", "--heads", "1", "--d-model", "8", "--context", "8", "--batch", "2",
                "--checkpoint", tmp.resolve("text.ckpt").toString(), "--checkpoint-every", "1");
        assertEquals(0, status, "the tiny train-text run behind $TMP/text.ckpt failed");
    }

    static List<String[]> cases() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/hostile/flags.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("\t", 2));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsInOneLine(String args, String fragment) throws IOException {
        String[] argv = args.replace("$MODEL", model.toString()).replace("$CORPUS", "src/test/resources/hostile")
                .replace("$TMP", tmp.toString()).split(" ");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = TesseraCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int status = cl.execute(argv);
        String e = err.toString().strip();
        assertNotEquals(0, status, args + " exited 0; stderr: " + e);
        assertEquals(1, e.lines().count(), args + " printed more than one line on stderr:\n" + e);
        assertTrue(!e.contains("\tat ") && !e.contains("Exception in thread"), args + " printed a stack trace: " + e);
        assertTrue(e.contains(fragment), args + ": stderr lacks '" + fragment + "': " + e);
        Path rec = Path.of("target/hostile-input.tsv");
        Files.writeString(rec, "flags\t" + args.replace(model.toString(), "tiny.tessera").replace(tmp.toString(), "TMP")
                + "\t" + e.replace(model.toString(), "tiny.tessera").replace(tmp.toString(), "TMP") + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
