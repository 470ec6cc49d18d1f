package dev.tessera.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Locates the fetched data folder and the committed text samples. */
public final class TestData {
    private TestData() { }

    /** @return the repository root (surefire's tessera.project.dir, else the working folder's parent) */
    public static Path projectDir() {
        String p = System.getProperty("tessera.project.dir");
        return p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
    }

    /**
     * Returns the GPT-2 vocabulary folder, failing with a clear message when it was not fetched.
     *
     * @return data/text/gpt2
     */
    public static Path gpt2Dir() {
        Path d = projectDir().resolve("data/text/gpt2");
        if (!Files.isRegularFile(d.resolve("encoder.json")) || !Files.isRegularFile(d.resolve("vocab.bpe"))) {
            throw new IllegalStateException("GPT-2 vocabulary not found in " + d + "; run scripts/fetch-data.sh first");
        }
        return d;
    }

    /**
     * Reads a committed sample from test resources.
     *
     * @param name the resource path under /text/
     * @return the text
     * @throws IOException if missing
     */
    public static String resource(String name) throws IOException {
        try (InputStream in = TestData.class.getResourceAsStream("/text/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /text/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns the committed samples: SOTU excerpts and vim tutor excerpts in several languages.
     *
     * @return the texts
     * @throws IOException if a resource is missing
     */
    public static List<String> samples() throws IOException {
        List<String> out = new ArrayList<>();
        for (String s : List.of("sotu/1790_george_washington_excerpt.txt", "sotu/1862_abraham_lincoln_excerpt.txt",
                "sotu/1941_franklin_d_roosevelt_excerpt.txt", "sotu/2021_joseph_r_biden_excerpt.txt")) {
            out.add(resource(s));
        }
        for (String lang : List.of("de", "el", "ja", "ko", "ru", "tr", "vi", "zh")) {
            out.add(resource("tutor/tutor." + lang + ".utf-8"));
        }
        return out;
    }

    /**
     * Random valid Unicode: ASCII, Latin, CJK, emoji (with skin tones and ZWJ), combining marks, rare planes.
     *
     * @param rnd the random source
     * @param maxCodePoints the maximum length in code points
     * @return the text
     */
    public static String randomUnicode(Random rnd, int maxCodePoints) {
        int[][] ranges = {{0x20, 0x7E}, {0x00A0, 0x024F}, {0x0300, 0x036F}, {0x0400, 0x04FF}, {0x0590, 0x06FF},
            {0x0900, 0x097F}, {0x3040, 0x30FF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0x1F300, 0x1F6FF},
            {0x1F3FB, 0x1F3FF}, {0x200B, 0x200D}, {0x20000, 0x2A6DF}, {0xE000, 0xF8FF}, {0xFFF0, 0xFFFF}, {0x10000, 0x10FFFF}};
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(maxCodePoints + 1);
        for (int i = 0; i < n; i++) {
            int[] r = ranges[rnd.nextInt(ranges.length)];
            int cp = r[0] + rnd.nextInt(r[1] - r[0] + 1);
            if (rnd.nextInt(8) == 0) {
                cp = " \n\t'".charAt(rnd.nextInt(4));
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

}
