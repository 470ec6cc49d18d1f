package dev.tessera.text.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.text.TestData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Gpt2PreTokenizerTest {

    @Test
    void split_everyBmpCharacterInContext_equalsRegex() {
        for (int c = 0; c < 0x10000; c++) {
            String ch = String.valueOf((char) c);
            // the character alone, in runs, after a space, before a space, between letters and digits
            String probe = ch + ch + " " + ch + "a" + ch + "1" + ch + "  " + ch + "'s" + ch + "\n";
            assertEquals(Gpt2PreTokenizer.splitWithRegex(probe), Gpt2PreTokenizer.split(probe),
                    String.format("U+%04X", c));
        }
    }

    @Test
    void split_supplementaryCharacters_equalsRegex() {
        int[] cps = {0x1F600, 0x1F44D, 0x20000, 0x1D400, 0x10400, 0x1F1FA, 0xE0001, 0x1D7CE, 0x10140};
        for (int cp : cps) {
            String ch = new String(Character.toChars(cp));
            String probe = ch + ch + " " + ch + "a" + ch + "1 " + ch + "\t" + ch;
            assertEquals(Gpt2PreTokenizer.splitWithRegex(probe), Gpt2PreTokenizer.split(probe), String.format("U+%X", cp));
        }
    }

    @Test
    void split_randomMixedText_equalsRegex() {
        String[] atoms = {"a", "Z", "é", "ß", "ж", "日", "本", "1", "٣", "½", "Ⅻ", " ", " ", " ", "\t", "\n", "\r\n",
            "\u00A0", "\u3000", "\u2028", "\u0085", "\u000B", "'", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S",
            "!", "?", ".", ",", "-", "—", "\u0301", "\u0308", "😀", "👍🏽", "\uD83D", "\uDE00", "\u200D", "$", "%", "\u0000"};
        Random rnd = new Random(42);
        for (int t = 0; t < 20_000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(24);
            for (int k = 0; k < n; k++) {
                sb.append(atoms[rnd.nextInt(atoms.length)]);
            }
            String s = sb.toString();
            assertEquals(Gpt2PreTokenizer.splitWithRegex(s), Gpt2PreTokenizer.split(s), () -> "text: " + escape(s));
        }
    }

    @Test
    void split_committedSamples_equalsRegexAndConcatenatesBack() throws Exception {
        for (String text : TestData.samples()) {
            List<String> pieces = Gpt2PreTokenizer.split(text);
            assertEquals(Gpt2PreTokenizer.splitWithRegex(text), pieces);
            assertEquals(text, String.join("", pieces));
        }
    }

    @Test
    void split_examples() {
        assertEquals(List.of("Hello", ",", " world", "'s", "  ", " 42", "!!", "\n\n"),
                Gpt2PreTokenizer.split("Hello, world's   42!!\n\n"));
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
