package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The human reports of commands, read as a user reads them: they name what was written and the scores, never
 * an object's {@code toString} ({@code java.io.PrintStream@1b2c3d}, {@code [F@5e6f}); with {@code --json},
 * standard output is exactly one line of valid JSON and the report goes to standard error.
 */
class CommandReportsTest {
    /** What an object's default {@code toString} looks like: a class name or array code, '@', a hash. */
    private static final Pattern IDENTITY = Pattern.compile("(\\[+[A-Z]|[A-Za-z_$][\\w$.]*)@[0-9a-f]{4,}");

    @TempDir
    static Path dir;
    private static Path text;

    /** Standard output, standard error and the exit status of one in-process run. */
    private record Run(String out, String err, int status) { }

    @BeforeAll
    static void writeText() throws Exception {
        String[] words = {"the", "whale", "sea", "ship", "call", "me", "and", "of", "a", "white"};
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 6_000) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(7) == 0 ? ".\n" : " ");
        }
        text = Files.writeString(dir.resolve("corpus.txt"), sb.toString());
    }

    private static Run run(String... args) {
        PrintStream out0 = System.out;
        PrintStream err0 = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = TesseraCli.commandLine().execute(args);
        } finally {
            System.setOut(out0);
            System.setErr(err0);
        }
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }

    private static void assertNoIdentityStrings(String text, String what) {
        Matcher m = IDENTITY.matcher(text);
        assertFalse(m.find(), what + " prints an object's toString ('" + (m.find(0) ? m.group() : "") + "'):\n" + text);
    }

    private static String[] trainText(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train-text", "--data", text.toString(), "--steps", "3",
                "--layers", "1", "--heads", "1", "--d-model", "8", "--context", "16", "--batch", "2",
                "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void trainText_withJson_printsOneJsonLine_andTheReportOnStderrNamesTheBundleAndTheScore() {
        Path bundle = dir.resolve("json.tessera");
        Run r = run(trainText(bundle, "--json"));
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.out().lines().count(), "stdout holds exactly one line:\n" + r.out());
        JsonObject j = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals(bundle.toString(), j.get("out").getAsString());
        double bpc = j.get("val_bpc").getAsDouble();
        assertTrue(bpc > 0 && bpc < 9, "val_bpc " + bpc);
        String report = r.err().lines().filter(l -> l.startsWith("val bits/char")).findFirst().orElse("");
        assertTrue(report.contains(String.format("val bits/char %.4f", bpc)), "the report gives the score: " + report);
        assertTrue(report.endsWith("saved " + bundle), "the report names the bundle: " + report);
        assertTrue(Files.isRegularFile(bundle));
        assertNoIdentityStrings(r.out() + r.err(), "train-text --json");
    }

    @Test
    void trainText_withoutJson_printsTheReportOnStdout() {
        Path bundle = dir.resolve("human.tessera");
        Run r = run(trainText(bundle));
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), "stdout holds the report line only:\n" + r.out());
        Matcher m = Pattern.compile("val bits/char (\\d+\\.\\d{4}), train \\d+ tokens/s, \\d+ params, saved (.+)")
                .matcher(lines.get(0));
        assertTrue(m.matches(), "report: " + lines.get(0));
        assertEquals(bundle.toString(), m.group(2));
        assertTrue(Files.isRegularFile(Path.of(m.group(2))));
        assertNoIdentityStrings(r.out() + r.err(), "train-text");
    }

    @Test
    void score_withoutJson_printsTheLogitsAsNumbers() throws Exception {
        Path model = dir.resolve("score.tessera");
        VocabularyLayout layout = VocabularyLayout.plain("text", 256);
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(256, 8, 1, 1, 8), 1, Device.cpu())) {
            ModelBundle.of(m, layout, List.of(ByteText.modality()), Map.of()).save(model);
        }
        Run r = run("score", "--model", model.toString(), "--ids", "1,2,3");
        assertEquals(0, r.status(), r.err());
        assertNoIdentityStrings(r.out(), "score");
        assertTrue(r.out().startsWith("logits: [["), r.out());
        Run j = run("score", "--model", model.toString(), "--ids", "1,2,3", "--json");
        assertEquals(1, j.out().lines().count(), j.out());
        assertEquals(3, JsonParser.parseString(j.out()).getAsJsonObject().getAsJsonArray("logits").size());
        // the human lines hold the same numbers as the JSON
        assertEquals(JsonParser.parseString(j.out()).getAsJsonObject().get("logits"),
                JsonParser.parseString(r.out().strip().substring("logits: ".length())));
    }

    @Test
    void aMapReport_writesArraysAndRecordsAsJson() {
        record Pair(int a, String b) { }
        assertEquals("[1.5,2.0]", JsonOutput.humanValue(new double[] {1.5, 2}));
        assertEquals("{\"a\":1,\"b\":\"x\"}", JsonOutput.humanValue(new Pair(1, "x")));
        assertEquals("0.25", JsonOutput.humanValue(0.25));
        assertEquals(dir.toString(), JsonOutput.humanValue(dir));
        assertEquals("GPT2", JsonOutput.humanValue(dev.tessera.core.model.Architecture.GPT2));
    }
}
