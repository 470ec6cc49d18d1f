package dev.tessera.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.vision.image.ImageData;
import org.junit.jupiter.api.Test;

class ShapeCaptionCheckerTest {
    @Test
    void checker_acceptsTrueCaptions_andRejectsEveryOtherCaption() {
        LabeledImages s = SyntheticShapes.generate(300, 3);
        int ok = 0;
        for (int i = 0; i < s.size(); i++) {
            ok += ShapeCaptionChecker.matches(s.image(i), s.text(i)) ? 1 : 0;
            for (int j = 0; j < SyntheticShapes.classCount(); j += 7) {
                if (j != s.label(i)) {
                    assertFalse(ShapeCaptionChecker.matches(s.image(i), SyntheticShapes.fromIndex(j).caption()),
                            s.text(i) + " accepted as " + SyntheticShapes.fromIndex(j).caption());
                }
            }
        }
        assertTrue(ok >= 297, ok + " of 300 true captions accepted");
    }

    @Test
    void checker_rejectsABlankImage() {
        assertFalse(ShapeCaptionChecker.matches(new ImageData(28, 28, 3, new float[3 * 28 * 28]), "a small red circle top left"));
    }

    @Test
    void captions_roundTripThroughIndexAndParse() {
        for (int i = 0; i < SyntheticShapes.classCount(); i++) {
            SyntheticShapes.Spec sp = SyntheticShapes.fromIndex(i);
            assertEquals(i, sp.classIndex());
            assertEquals(sp, SyntheticShapes.Spec.parse(sp.caption()));
        }
        assertThrows(IllegalArgumentException.class, () -> SyntheticShapes.Spec.parse("a purple cube"));
    }
}
