package dev.tessera.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.bundle.GptRefParityTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @Test
    void pythonWrittenFile_isReadWithMetadataAndShapes() throws Exception {
        Path p = GptRefParityTest.fixture().resolve("model.safetensors");
        Safetensors.Content c = Safetensors.read(p);
        assertEquals("gpt_ref", c.metadata().get("architecture"));
        assertArrayEquals(new long[] {256, 64}, c.tensors().get("wte.weight").shape());
        assertArrayEquals(new long[] {192, 64}, c.tensors().get("blocks.1.attn.qkv.weight").shape());
    }

    @Test
    void writeThenRead_roundTripsEveryDtypeAndTheMetadata(@TempDir Path dir) throws Exception {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("b", Tensor.f32(new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, 6}));
        t.put("a", Tensor.i32(new long[] {3}, new int[] {7, -8, 9}));
        t.put("q", Tensor.i8(new long[] {2, 2}, new byte[] {-128, 127, 0, 1}));
        Path f = dir.resolve("x.safetensors");
        Safetensors.write(f, t, Map.of("k", "v"));
        Safetensors.Content c = Safetensors.read(f);
        assertEquals("v", c.metadata().get("k"));
        assertArrayEquals(t.get("b").floats(), c.tensors().get("b").floats());
        assertArrayEquals(t.get("a").ints(), c.tensors().get("a").ints());
        assertArrayEquals(t.get("q").int8s(), c.tensors().get("q").int8s());
        // header length is a multiple of 8, as Python's writer pads it
        long header = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, header % 8);
    }

    static ByteBuffer file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        b.position(0);
        return b;
    }

    @Test
    void inconsistentHeaders_nameTheTensorAndTheProblem() {
        assertMessage(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", 16), "'w'", "needs 16 bytes");
        assertMessage(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", 8), "'w'", "truncated");
        assertMessage(file("{\"w\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1), "'w'", "Q9");
        assertMessage(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}", 8), "overlaps", "'v'");
        assertMessage(file("{not json", 0), "not valid JSON", "");
        ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        huge.position(0);
        assertMessage(huge, "header length", "truncated");
    }

    private static void assertMessage(ByteBuffer b, String a, String c) {
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Safetensors.read(b, "test.safetensors"));
        assertTrue(e.getMessage().startsWith("test.safetensors") && e.getMessage().contains(a) && e.getMessage().contains(c),
                e.getMessage());
    }
}
