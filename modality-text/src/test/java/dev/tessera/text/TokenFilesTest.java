package dev.tessera.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.text.chars.ByteTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFilesTest {
    private final ByteTokenizer tok = new ByteTokenizer(SurrogatePolicy.REJECT);

    @Test
    void encodeThenDecode_filesRoundTrip(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "héllo\nwörld 😀", StandardCharsets.UTF_8);
        TokenFiles.Result r = TokenFiles.encode(tok::encode, in, dir.resolve("ids.txt"));
        assertEquals(Files.size(in), r.bytes());
        assertEquals(r.bytes(), r.tokens());
        assertEquals(r.tokens(), Files.readAllLines(dir.resolve("ids.txt")).size());
        assertArrayEquals(tok.encode(Files.readString(in)), TokenFiles.readIds(dir.resolve("ids.txt")));
        TokenFiles.decode(tok::decode, dir.resolve("ids.txt"), dir.resolve("back.txt"), null);
        assertEquals(Files.readString(in), Files.readString(dir.resolve("back.txt")));
    }

    @Test
    void readIds_badLine_namesFileAndLine(@TempDir Path dir) throws Exception {
        Path ids = dir.resolve("ids.txt");
        Files.writeString(ids, "1\n2\nthree\n");
        IOException e = assertThrows(IOException.class, () -> TokenFiles.readIds(ids));
        assertTrue(e.getMessage().contains(ids + ":3"), e.getMessage());
    }

    @Test
    void encode_invalidUtf8File_namesTheByteOffset(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("bad.txt");
        Files.write(in, new byte[] {'a', 'b', (byte) 0xFF, 'c'});
        IOException e = assertThrows(IOException.class, () -> TokenFiles.encode(tok::encode, in, null));
        assertTrue(e.getMessage().contains("byte offset 2"), e.getMessage());
    }
}
