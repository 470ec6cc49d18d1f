package dev.tessera.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
