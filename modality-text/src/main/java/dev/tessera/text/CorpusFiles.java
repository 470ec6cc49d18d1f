package dev.tessera.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads text files strictly as UTF-8 (a malformed file is an error naming it and the byte offset). */
public final class CorpusFiles {
    private CorpusFiles() { }

    /**
     * Reads one file.
     *
     * @param file the file
     * @return its text
     * @throws IOException if it cannot be read or is not valid UTF-8
     */
    public static String read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            int at = dev.tessera.text.Utf8.firstInvalid(b, 0, b.length);
            throw new IOException(file + ": not valid UTF-8 at byte offset " + at, e);
        }
    }

    /**
     * Reads the files of a folder whose names end with a suffix, sorted by name.
     *
     * @param dir the folder
     * @param suffix e.g. ".txt"
     * @return the files' paths, sorted
     * @throws IOException if the folder cannot be listed or holds no such file
     */
    public static List<Path> list(Path dir, String suffix) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no *" + suffix + " files (run scripts/fetch-data.sh?)");
        }
        return files;
    }

    /**
     * Reads several files.
     *
     * @param files the files
     * @return their texts, in order
     * @throws IOException if one cannot be read
     */
    public static List<String> readAll(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path p : files) {
            out.add(read(p));
        }
        return out;
    }
}
