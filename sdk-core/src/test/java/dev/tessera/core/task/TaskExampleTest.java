package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TokenBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskExampleTest {

    @Test
    void aBatch_shiftsEachExample_padsItsEnd_andScalesItsWeights() {
        TaskExample longer = TaskExample.lossFrom(new int[] {1, 2, 3, 4}, 1);
        TaskExample shorter = TaskExample.lossFrom(new int[] {5, 6}, 0);
        TokenBatch b = TaskExample.batch(List.of(longer, shorter), 2.0, 9);
        assertArrayEquals(new int[] {1, 2, 3}, b.inputs()[0]);
        assertArrayEquals(new int[] {2, 3, 4}, b.targets()[0]);
        assertArrayEquals(new float[] {0, 2, 2}, b.weights()[0]);
        assertArrayEquals(new int[] {5, 9, 9}, b.inputs()[1]);
        assertArrayEquals(new int[] {6, 9, 9}, b.targets()[1]);
        assertArrayEquals(new float[] {2, 0, 0}, b.weights()[1], "padding never counts");
    }

    @Test
    void anAnswer_isFramedOnce_withTheLossFromTheAnswersFirstId_asPromptThenFullSequenceGive() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("text", 256);
        m.put("shape", 256);
        VocabularyLayout layout = VocabularyLayout.framed(m);
        int[][] texts = {{}, {97}, {97, 32, 99, 117, 98, 101}};
        int[][] shapes = {{1}, {255, 3, 7}, {9, 9, 9, 9, 9, 9, 9, 9}};
        for (int[] text : texts) {
            for (int[] shape : shapes) {
                for (boolean textFirst : new boolean[] {true, false}) {
                    Segment t = new Segment("text", text);
                    Segment s = new Segment("shape", shape);
                    List<Segment> prompt = new ArrayList<>(List.of(textFirst ? t : s));
                    Segment answer = textFirst ? s : t;
                    // the reference: frame the whole sequence, then frame the prompt again to count its length
                    List<Segment> all = new ArrayList<>(prompt);
                    all.add(answer);
                    int[] ids = new TokenSequence(all).toGlobalIds(layout, true);
                    int promptLength = new TokenSequence(prompt).promptFor(layout, answer.modality()).length;
                    TaskExample expected = TaskExample.lossFrom(ids, promptLength - 1);
                    TaskExample got = TaskExample.answer(layout, new TokenSequence(all));
                    assertArrayEquals(expected.ids(), got.ids());
                    assertArrayEquals(expected.weights(), got.weights());
                    assertEquals(answer.length() + 2, (int) sum(got.weights()), "the answer, its END and EOS");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TaskExample.answer(VocabularyLayout.plain("text", 256),
                TokenSequence.of(new Segment("text", new int[] {1, 2}))));
        assertThrows(IllegalArgumentException.class, () -> TaskExample.answer(layout, new TokenSequence(List.of())));
    }

    private static float sum(float[] w) {
        float s = 0;
        for (float x : w) {
            s += x;
        }
        return s;
    }
}
