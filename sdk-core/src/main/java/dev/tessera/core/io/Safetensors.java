package dev.tessera.core.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a UTF-8 JSON
 * header ({@code name -> {dtype, shape, data_offsets}} plus an optional {@code __metadata__} map
 * of strings), then the raw little-endian tensor data. Files written here open in Python's
 * {@code safetensors}; reading checks every entry (dtype, shape against byte count, offsets inside
 * the data, no overlaps) and names the tensor at fault.
 */
public final class Safetensors {
    /** The format's limit on the JSON header. */
    private static final long MAX_HEADER = 100_000_000L;

    private Safetensors() { }

    /**
     * The content of a safetensors file.
     *
     * @param tensors tensors by name, in file order
     * @param metadata the {@code __metadata__} map (empty if absent)
     */
    public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) { }

    /**
     * Writes tensors (sorted by name, as Python's writer does) to a stream.
     *
     * @param out the stream
     * @param tensors tensors by name
     * @param metadata string metadata (may be empty)
     * @throws IOException on write failure
     */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            Tensor t = e.getValue();
            JsonObject info = new JsonObject();
            info.addProperty("dtype", t.dtype());
            com.google.gson.JsonArray shape = new com.google.gson.JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            info.add("shape", shape);
            com.google.gson.JsonArray offs = new com.google.gson.JsonArray();
            long len = t.bytes().remaining();
            offs.add(offset);
            offs.add(offset + len);
            info.add("data_offsets", offs);
            header.add(e.getKey(), info);
            offset += len;
        }
        byte[] json = Json.COMPACT.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(head);
        byte[] chunk = new byte[1 << 16];
        for (Tensor t : sorted.values()) {
            ByteBuffer b = t.bytes();
            while (b.hasRemaining()) {
                int n = Math.min(chunk.length, b.remaining());
                b.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    /**
     * Writes a safetensors file atomically.
     *
     * @param path the file
     * @param tensors tensors by name
     * @param metadata string metadata
     * @throws IOException on failure (the target is then untouched)
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(path, out -> write(out, tensors, metadata));
    }

    /**
     * Serialises tensors to bytes.
     *
     * @param tensors tensors by name
     * @param metadata string metadata
     * @return the file content
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try {
            write(bos, tensors, metadata);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /**
     * Reads a safetensors file (memory-mapped; tensors stay views of the mapping).
     *
     * @param path the file
     * @return the content
     * @throws IOException if the file is unreadable, truncated or inconsistent
     */
    public static Content read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                // one mapping per tensor would lift this; files over 2 GiB are not needed yet
                throw new CorruptFileException(path.toString(), "file of " + size + " bytes is over the 2 GiB limit");
            }
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return read(buf, path.toString());
        }
    }

    /**
     * Parses safetensors bytes, checking them by the format's own rules: a header length of at most
     * 100,000,000 bytes that fits the file, a header of valid UTF-8 holding one JSON object with no
     * duplicate names, each tensor a known dtype with an integer shape and integer
     * {@code data_offsets} whose span equals the element count times the element size, the tensors
     * contiguous from byte 0 of the data with no gap or overlap, the last one ending at the end of
     * the file; {@code __metadata__} maps strings to strings.
     *
     * @param bytes the file content
     * @param source a name for error messages (file or bundle entry)
     * @return the content
     * @throws CorruptFileException if the content breaks a rule (the message names the tensor or JSON path)
     */
    public static Content read(ByteBuffer bytes, String source) throws CorruptFileException {
        ByteBuffer buf = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long size = buf.remaining();
        if (size < 8) {
            throw new CorruptFileException(source, "only " + size + " bytes; a safetensors file starts with an 8-byte header length");
        }
        long headerLen = buf.getLong(buf.position());
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
            throw new CorruptFileException(source, "byte 0: header length " + headerLen + " does not fit a file of " + size
                    + " bytes (at most " + MAX_HEADER + "; truncated or not safetensors)");
        }
        byte[] hb = new byte[(int) headerLen];
        buf.position(buf.position() + 8);
        buf.get(hb);
        JsonObject header = StrictJson.parseObject(StrictJson.utf8(hb, source, 8), source);
        ByteBuffer data = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        long dataLen = data.remaining();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                readMetadata(e.getValue(), metadata, source);
            } else {
                entries.add(entry(name, e.getValue(), source));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        long expected = 0;
        String prev = null;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry en : entries) {
            if (en.begin() != expected) {
                throw new CorruptFileException(source, "tensor '" + en.name() + "': data_offsets start at " + en.begin()
                        + " but " + (prev == null ? "the data starts at 0" : "tensor '" + prev + "' ends at " + expected)
                        + (en.begin() < expected ? " (overlaps)" : " (a gap)"));
            }
            if (en.end() > dataLen) {
                throw new CorruptFileException(source, "tensor '" + en.name() + "': data_offsets [" + en.begin() + ", "
                        + en.end() + "] outside the " + dataLen + " data bytes (file truncated?)");
            }
            expected = en.end();
            prev = en.name();
            ByteBuffer slice = data.duplicate();
            slice.position((int) en.begin()).limit((int) en.end());
            tensors.put(en.name(), new Tensor(en.dtype(), en.shape(), slice.slice()));
        }
        if (expected != dataLen) {
            throw new CorruptFileException(source, "byte " + (8 + headerLen + expected) + ": " + (dataLen - expected)
                    + " bytes after the last tensor" + (prev == null ? "" : " '" + prev + "'")
                    + "; the tensors must cover the data exactly");
        }
        return new Content(tensors, metadata);
    }

    /** One header entry, checked on its own. */
    private record Entry(String name, String dtype, long[] shape, long begin, long end) { }

    private static Entry entry(String name, JsonElement value, String source) throws CorruptFileException {
        String where = "tensor '" + name + "'";
        if (!value.isJsonObject()) {
            throw new CorruptFileException(source, where + ": expected an object {dtype, shape, data_offsets}");
        }
        JsonObject info = value.getAsJsonObject();
        JsonElement dt = info.get("dtype");
        if (dt == null || !dt.isJsonPrimitive() || !dt.getAsJsonPrimitive().isString()) {
            throw new CorruptFileException(source, where + ": dtype must be a string such as \"F32\"");
        }
        String dtype = dt.getAsString();
        int esize;
        try {
            esize = Tensor.elementSize(dtype);
        } catch (IllegalArgumentException ex) {
            throw new CorruptFileException(source, where + ": " + ex.getMessage());
        }
        long[] shape = integers(info.get("shape"), -1, where + " shape", source);
        long[] off = integers(info.get("data_offsets"), 2, where + " data_offsets", source);
        long n = 1;
        try {
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            n = Math.multiplyExact(n, esize);
        } catch (ArithmeticException ex) {
            throw new CorruptFileException(source, where + ": " + dtype + " " + Arrays.toString(shape)
                    + " has more bytes than a long can count");
        }
        if (off[1] < off[0]) {
            throw new CorruptFileException(source, where + ": data_offsets [" + off[0] + ", " + off[1] + "] end before they begin");
        }
        if (off[1] - off[0] != n) {
            throw new CorruptFileException(source, where + ": " + dtype + " " + Arrays.toString(shape)
                    + " needs " + n + " bytes but data_offsets span " + (off[1] - off[0]));
        }
        return new Entry(name, dtype, shape, off[0], off[1]);
    }

    /** Reads a JSON array of non-negative integers written as integers (no {@code 8.0}, no {@code "8"}). */
    private static long[] integers(JsonElement e, int length, String where, String source) throws CorruptFileException {
        if (e == null || !e.isJsonArray() || (length >= 0 && e.getAsJsonArray().size() != length)) {
            throw new CorruptFileException(source, where + ": expected an array of " + (length >= 0 ? length + " " : "")
                    + "non-negative integers, found " + (e == null ? "nothing" : StrictJson.abbreviate(e.toString())));
        }
        com.google.gson.JsonArray a = e.getAsJsonArray();
        if (a.size() > 64) {
            throw new CorruptFileException(source, where + ": " + a.size() + " dimensions (at most 64)");
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = a.get(i);
            String text = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsString() : null;
            try {
                if (text == null || !text.matches("0|[1-9][0-9]{0,18}")) {
                    throw new NumberFormatException();
                }
                out[i] = Long.parseLong(text);
            } catch (NumberFormatException ex) {
                throw new CorruptFileException(source, where + "[" + i + "]: expected a non-negative integer below 2^63, "
                        + "found " + StrictJson.abbreviate(v.toString()));
            }
        }
        return out;
    }

    private static void readMetadata(JsonElement value, Map<String, String> metadata, String source)
            throws CorruptFileException {
        if (!value.isJsonObject()) {
            throw new CorruptFileException(source, "__metadata__ must be an object mapping strings to strings");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new CorruptFileException(source, "__metadata__." + m.getKey() + ": expected a string, found "
                        + StrictJson.abbreviate(v.toString()));
            }
            metadata.put(m.getKey(), v.getAsString());
        }
    }

    /**
     * Reads a safetensors file into heap buffers (no mapping kept open).
     *
     * @param path the file
     * @return the content
     * @throws IOException on failure
     */
    public static Content readFully(Path path) throws IOException {
        return read(ByteBuffer.wrap(Files.readAllBytes(path)), path.toString());
    }
}
