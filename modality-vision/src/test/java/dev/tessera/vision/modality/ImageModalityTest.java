package dev.tessera.vision.modality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.token.Segment;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageModalityTest {
    @Test
    void savedModality_reloadsThroughTheServiceLoader_andEncodesTheSame() throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        float[] c = new float[64 * 16];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextDouble();
        }
        ImageModality m = new ImageModality("image", new PatchCodebook(28, 1, 4, 64, c));
        ModalityState state = new ModalityState("image");
        m.save(state);
        Modality<?> back = ModalityRegistry.discover().provider(m.providerName()).load("image", state);
        float[] px = new float[3 * 40 * 40];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        ImageData rgb = new ImageData(40, 40, 3, px);
        Segment s = m.tokenizer().encode(rgb);
        assertEquals(49, s.length());
        assertEquals(7, s.metaInt("grid"));
        @SuppressWarnings("unchecked")
        Modality<ImageData> typed = (Modality<ImageData>) back;
        assertArrayEquals(s.tokens(), typed.tokenizer().encode(rgb).tokens());
        ImageData decoded = typed.detokenizer().decode(s);
        assertEquals(28, decoded.width());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> typed.detokenizer().decode(new Segment("image", new int[48])));
        assertTrue(e.getMessage().contains("exactly 49"), e.getMessage());
    }
}
