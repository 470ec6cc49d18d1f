package dev.tessera.core.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
    private static final long MAX_HEADER = 100L << 20;

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
     * Parses safetensors bytes.
     *
     * @param bytes the file content
     * @param source a name for error messages (file or bundle entry)
     * @return the content
     * @throws CorruptFileException if the content is truncated or inconsistent
     */
    public static Content read(ByteBuffer bytes, String source) throws CorruptFileException {
        ByteBuffer buf = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long size = buf.remaining();
        if (size < 8) {
            throw new CorruptFileException(source, "only " + size + " bytes; a safetensors file starts with an 8-byte header length");
        }
        long headerLen = buf.getLong(buf.position());
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
            throw new CorruptFileException(source, "header length " + headerLen + " does not fit a file of " + size
                    + " bytes (truncated or not safetensors)");
        }
        byte[] hb = new byte[(int) headerLen];
        buf.position(buf.position() + 8);
        buf.get(hb);
        JsonObject header;
        try {
            JsonElement el = JsonParser.parseString(new String(hb, StandardCharsets.UTF_8));
            if (!el.isJsonObject()) {
                throw new CorruptFileException(source, "header is not a JSON object");
            }
            header = el.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new CorruptFileException(source, "header is not valid JSON: " + e.getMessage(), e);
        }
        ByteBuffer data = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        long dataLen = data.remaining();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Object[]> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                try {
                    e.getValue().getAsJsonObject().entrySet().forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                } catch (RuntimeException ex) {
                    throw new CorruptFileException(source, "__metadata__ must map strings to strings", ex);
                }
                continue;
            }
            try {
                JsonObject info = e.getValue().getAsJsonObject();
                String dtype = info.get("dtype").getAsString();
                com.google.gson.JsonArray sh = info.getAsJsonArray("shape");
                long[] shape = new long[sh.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = sh.get(i).getAsLong();
                }
                com.google.gson.JsonArray off = info.getAsJsonArray("data_offsets");
                if (off.size() != 2) {
                    throw new CorruptFileException(source, "tensor '" + name + "': data_offsets needs 2 numbers");
                }
                long begin = off.get(0).getAsLong();
                long end = off.get(1).getAsLong();
                int esize;
                try {
                    esize = Tensor.elementSize(dtype);
                } catch (IllegalArgumentException ex) {
                    throw new CorruptFileException(source, "tensor '" + name + "': " + ex.getMessage());
                }
                long n = 1;
                for (long d : shape) {
                    if (d < 0) {
                        throw new CorruptFileException(source, "tensor '" + name + "': negative dimension in "
                                + Arrays.toString(shape));
                    }
                    n = Math.multiplyExact(n, d);
                }
                if (begin < 0 || end < begin || end > dataLen) {
                    throw new CorruptFileException(source, "tensor '" + name + "': data_offsets [" + begin + ", " + end
                            + "] outside the " + dataLen + " data bytes" + (end > dataLen ? " (file truncated?)" : ""));
                }
                if (end - begin != n * esize) {
                    throw new CorruptFileException(source, "tensor '" + name + "': " + dtype + " " + Arrays.toString(shape)
                            + " needs " + n * esize + " bytes but data_offsets span " + (end - begin));
                }
                entries.add(new Object[] {name, dtype, shape, begin, end});
            } catch (CorruptFileException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new CorruptFileException(source, "tensor '" + name + "': malformed entry (" + ex.getMessage() + ")", ex);
            }
        }
        entries.sort(Comparator.comparingLong(o -> (Long) o[3]));
        long prevEnd = 0;
        String prev = null;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Object[] en : entries) {
            long begin = (Long) en[3];
            long end = (Long) en[4];
            if (begin < prevEnd) {
                throw new CorruptFileException(source, "tensor '" + en[0] + "' overlaps tensor '" + prev + "'");
            }
            prevEnd = end;
            prev = (String) en[0];
            ByteBuffer slice = data.duplicate();
            slice.position((int) begin).limit((int) end);
            tensors.put((String) en[0], new Tensor((String) en[1], (long[]) en[2], slice.slice()));
        }
        return new Content(tensors, metadata);
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
