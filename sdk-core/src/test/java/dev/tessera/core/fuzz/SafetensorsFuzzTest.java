package dev.tessera.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/** Fuzzes {@link Safetensors#read(ByteBuffer, String)}: any bytes give content or a located {@link CorruptFileException}. */
class SafetensorsFuzzTest {
    private static final String SOURCE = "fuzz.safetensors";

    @FuzzTest
    void read(byte[] data) throws Exception {
        Safetensors.Content content;
        try {
            content = Safetensors.read(ByteBuffer.wrap(data), SOURCE);
        } catch (CorruptFileException e) {
            FuzzSupport.assertNamesSource(e, SOURCE);
            return;
        }
        // what was accepted writes back and reads again to the same tensors
        byte[] again = Safetensors.toBytes(content.tensors(), content.metadata());
        Map<String, Tensor> back = Safetensors.read(ByteBuffer.wrap(again), SOURCE).tensors();
        if (!back.keySet().equals(content.tensors().keySet())) {
            throw new AssertionError("names changed in a round trip: " + content.tensors().keySet() + " -> " + back.keySet());
        }
        for (Map.Entry<String, Tensor> e : content.tensors().entrySet()) {
            Tensor b = back.get(e.getKey());
            if (!Arrays.equals(b.shape(), e.getValue().shape()) || !b.bytes().equals(e.getValue().bytes())) {
                throw new AssertionError("tensor '" + e.getKey() + "' changed in a round trip");
            }
        }
    }
}
