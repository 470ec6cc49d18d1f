package dev.tessera.pointcloud.io;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import dev.tessera.pointcloud.geom.Mesh;
import dev.tessera.pointcloud.geom.PointCloud;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stanford PLY ({@code .ply}) in ASCII, binary little-endian and binary big-endian. Reads the
 * {@code vertex} element ({@code x y z}, optional {@code nx ny nz} and {@code red green blue}) and the
 * {@code face} element ({@code vertex_indices} or {@code vertex_index} list, triangulated as fans);
 * other elements and properties are skipped. Writes ASCII or binary little-endian.
 */
public final class PlyFormat {
    private PlyFormat() { }

    /** The body encodings of a PLY file. */
    public enum Encoding {
        /** Text, one element per line. */
        ASCII,
        /** Binary, little-endian. */
        BINARY_LITTLE_ENDIAN,
        /** Binary, big-endian (read only). */
        BINARY_BIG_ENDIAN
    }

    private enum Type {
        CHAR(1), UCHAR(1), SHORT(2), USHORT(2), INT(4), UINT(4), FLOAT(4), DOUBLE(8);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        static Type parse(String s) {
            switch (s) {
                case "char": case "int8": return CHAR;
                case "uchar": case "uint8": return UCHAR;
                case "short": case "int16": return SHORT;
                case "ushort": case "uint16": return USHORT;
                case "int": case "int32": return INT;
                case "uint": case "uint32": return UINT;
                case "float": case "float32": return FLOAT;
                case "double": case "float64": return DOUBLE;
                default: return null;
            }
        }

        double read(ByteBuffer b) {
            switch (this) {
                case CHAR: return b.get();
                case UCHAR: return b.get() & 0xff;
                case SHORT: return b.getShort();
                case USHORT: return b.getShort() & 0xffff;
                case INT: return b.getInt();
                case UINT: return b.getInt() & 0xffffffffL;
                case FLOAT: return b.getFloat();
                default: return b.getDouble();
            }
        }
    }

    private record Property(String name, Type type, Type countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private static final class Element {
        final String name;
        final int count;
        final List<Property> props = new ArrayList<>();

        final int line;

        Element(String name, int count, int line) {
            this.name = name;
            this.count = count;
            this.line = line;
        }

        int index(String... names) {
            for (int i = 0; i < props.size(); i++) {
                for (String n : names) {
                    if (props.get(i).name.equals(n)) {
                        return i;
                    }
                }
            }
            return -1;
        }
    }

    /**
     * Reads a PLY file.
     *
     * @param file the file
     * @return its vertices (with normals/colours when present) and its faces, if any
     * @throws CorruptFileException on a bad header, wrong counts, truncated binary data, a non-finite
     *     coordinate or a face index past the vertex list (the message gives the line or byte offset)
     * @throws IOException if the file cannot be read
     */
    public static Shape read(Path file) throws IOException {
        String src = file.toString();
        byte[] data = Limits.readFile(file);
        int pos = 0;
        int lineNo = 0;
        Encoding enc = null;
        List<Element> elements = new ArrayList<>();
        boolean ended = false;
        while (pos < data.length) {
            int eol = pos;
            while (eol < data.length && data[eol] != '\n') {
                eol++;
            }
            String line = new String(data, pos, eol - pos, StandardCharsets.ISO_8859_1).trim();
            pos = Math.min(eol + 1, data.length);
            lineNo++;
            if (lineNo == 1) {
                if (!line.equals("ply")) {
                    throw new CorruptFileException(src, "line 1: expected the magic 'ply', found '"
                            + OffFormat.abbreviate(line) + "'");
                }
                continue;
            }
            String[] t = TextLines.split(line);
            String h = "line " + lineNo + ": ";
            if (line.isEmpty() || t[0].equals("comment") || t[0].equals("obj_info")) {
                continue;
            }
            if (t[0].equals("format")) {
                if (t.length < 2) {
                    throw new CorruptFileException(src, h + "'format' needs an encoding");
                }
                switch (t[1]) {
                    case "ascii": enc = Encoding.ASCII; break;
                    case "binary_little_endian": enc = Encoding.BINARY_LITTLE_ENDIAN; break;
                    case "binary_big_endian": enc = Encoding.BINARY_BIG_ENDIAN; break;
                    default: throw new CorruptFileException(src, h + "unknown format '" + t[1] + "'");
                }
            } else if (t[0].equals("element")) {
                if (t.length != 3) {
                    throw new CorruptFileException(src, h + "'element' needs a name and a count");
                }
                long count;
                try {
                    count = Long.parseLong(t[2]);
                } catch (NumberFormatException e) {
                    throw new CorruptFileException(src, h + "element count '" + t[2] + "' is not an integer");
                }
                elements.add(new Element(t[1], Limits.count(count, Limits.MAX_POINTS, "element '" + t[1] + "' count",
                        src, "line " + lineNo), lineNo));
            } else if (t[0].equals("property")) {
                if (elements.isEmpty()) {
                    throw new CorruptFileException(src, h + "'property' before any 'element'");
                }
                Property p;
                if (t.length == 5 && t[1].equals("list")) {
                    p = new Property(t[4], type(src, h, t[3]), type(src, h, t[2]));
                } else if (t.length == 3) {
                    p = new Property(t[2], type(src, h, t[1]), null);
                } else {
                    throw new CorruptFileException(src, h + "malformed property '" + line + "'");
                }
                elements.get(elements.size() - 1).props.add(p);
            } else if (t[0].equals("end_header")) {
                ended = true;
                break;
            } else {
                throw new CorruptFileException(src, h + "unknown header keyword '" + t[0] + "'");
            }
        }
        if (!ended) {
            throw new CorruptFileException(src, "no 'end_header' line: the header is truncated");
        }
        if (enc == null) {
            throw new CorruptFileException(src, "the header has no 'format' line");
        }
        // the counts must fit the body before anything is sized by them
        long minBody = 0;
        for (Element e : elements) {
            long row = 0;
            for (Property p : e.props) {
                row += enc == Encoding.ASCII ? 2 : (p.isList() ? p.countType.bytes : p.type.bytes);
            }
            Limits.fits(e.count, row, data.length - pos - minBody, "element '" + e.name + "' count", src,
                    "line " + e.line);
            minBody += e.count * row;
        }
        Body body = enc == Encoding.ASCII ? new AsciiBody(data, pos, lineNo, src)
                : new BinaryBody(data, pos, enc == Encoding.BINARY_LITTLE_ENDIAN ? ByteOrder.LITTLE_ENDIAN
                        : ByteOrder.BIG_ENDIAN, src);
        float[] xyz = null;
        float[] normals = null;
        float[] colors = null;
        IntList tris = new IntList();
        int nv = -1;
        for (Element e : elements) {
            boolean isVertex = e.name.equals("vertex");
            boolean isFace = e.name.equals("face");
            int[] pi = {e.index("x"), e.index("y"), e.index("z")};
            int[] ni = {e.index("nx"), e.index("ny"), e.index("nz")};
            int[] ci = {e.index("red", "r"), e.index("green", "g"), e.index("blue", "b")};
            int fi = e.index("vertex_indices", "vertex_index");
            if (isVertex) {
                if (pi[0] < 0 || pi[1] < 0 || pi[2] < 0) {
                    throw new CorruptFileException(src, "element 'vertex' has no x, y and z properties");
                }
                for (int k : new int[] {pi[0], pi[1], pi[2], ni[0], ni[1], ni[2], ci[0], ci[1], ci[2]}) {
                    if (k >= 0 && e.props.get(k).isList()) {
                        throw new CorruptFileException(src, "line " + e.line + ": vertex property '" + e.props.get(k).name
                                + "' is a list; it must be a number");
                    }
                }
                nv = e.count;
                xyz = new float[3 * nv];
                normals = ni[0] >= 0 && ni[1] >= 0 && ni[2] >= 0 ? new float[3 * nv] : null;
                colors = ci[0] >= 0 && ci[1] >= 0 && ci[2] >= 0 ? new float[3 * nv] : null;
            }
            if (isFace && fi >= 0 && !e.props.get(fi).isList()) {
                throw new CorruptFileException(src, "line " + e.line + ": face property '" + e.props.get(fi).name
                        + "' must be a list of vertex indices");
            }
            if (isFace && fi >= 0 && nv < 0) {
                throw new CorruptFileException(src, "element 'face' comes before element 'vertex'");
            }
            double[] scalar = new double[e.props.size()];
            int[][] lists = new int[e.props.size()][];
            for (int i = 0; i < e.count; i++) {
                body.beginRow(e.name, i, e.count);
                for (int k = 0; k < e.props.size(); k++) {
                    Property p = e.props.get(k);
                    if (p.isList()) {
                        double n = body.next(p.countType);
                        if (!(n >= 0 && n <= Limits.MAX_POLYGON) || n != Math.rint(n)) {
                            throw body.error("list '" + p.name + "' of '" + e.name + "' " + i + " has length " + n
                                    + "; a list holds 0 to " + Limits.MAX_POLYGON + " items");
                        }
                        int[] items = new int[(int) n];
                        for (int j = 0; j < items.length; j++) {
                            double v = body.next(p.type);
                            // an index must be a whole number that fits an int; the range is checked below
                            items[j] = v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE ? (int) v : -1;
                        }
                        lists[k] = items;
                    } else {
                        scalar[k] = body.next(p.type);
                    }
                }
                body.endRow();
                if (isVertex) {
                    for (int a = 0; a < 3; a++) {
                        double v = scalar[pi[a]];
                        if (!Float.isFinite((float) v)) {
                            throw body.error("vertex " + i + " coordinate " + "xyz".charAt(a) + " is " + v
                                    + "; coordinates must be finite (and fit a float)");
                        }
                        xyz[3 * i + a] = (float) v;
                        if (normals != null) {
                            float nn = (float) scalar[ni[a]];
                            normals[3 * i + a] = Float.isFinite(nn) ? nn : 0f;
                        }
                        if (colors != null) {
                            Type ct = e.props.get(ci[a]).type;
                            double c = scalar[ci[a]];
                            float cf = (float) (ct == Type.FLOAT || ct == Type.DOUBLE ? c : c / 255.0);
                            colors[3 * i + a] = Float.isFinite(cf) ? cf : 0f;
                        }
                    }
                } else if (isFace && fi >= 0) {
                    int[] idx = lists[fi];
                    if (idx.length < 3) {
                        throw body.error("face " + i + " has " + idx.length + " vertices; a face needs at least 3");
                    }
                    for (int v : idx) {
                        if (v < 0 || v >= nv) {
                            throw body.error("face " + i + " points at vertex " + v + " but there are only " + nv
                                    + " vertices (0.." + (nv - 1) + "; indices are whole numbers)");
                        }
                    }
                    if (tris.size() / 3 + idx.length > Limits.MAX_POINTS) {
                        throw body.error("face " + i + ": more than " + Limits.MAX_POINTS + " triangles");
                    }
                    for (int j = 1; j + 1 < idx.length; j++) {
                        tris.add(idx[0], idx[j], idx[j + 1]);
                    }
                }
            }
        }
        if (xyz == null) {
            throw new CorruptFileException(src, "the file has no 'vertex' element");
        }
        body.finish();
        if (colors != null) {
            for (int i = 0; i < colors.length; i++) {
                colors[i] = Math.max(0f, Math.min(1f, colors[i]));
            }
        }
        PointCloud pc = new PointCloud(xyz, normals, colors);
        return new Shape(pc, tris.size() > 0 ? new Mesh(xyz, tris.toArray()) : null);
    }

    private static Type type(String src, String where, String s) throws CorruptFileException {
        Type t = Type.parse(s);
        if (t == null) {
            throw new CorruptFileException(src, where + "unknown property type '" + s + "'");
        }
        return t;
    }

    private interface Body {
        void beginRow(String element, int index, int count) throws IOException;

        double next(Type t) throws IOException;

        void endRow() throws IOException;

        void finish() throws IOException;

        CorruptFileException error(String what);
    }

    private static final class AsciiBody implements Body {
        private final TextLines lines;
        private final String src;
        private String[] tokens;
        private int at;
        private String element;

        AsciiBody(byte[] data, int start, int headerLines, String src) {
            this.src = src;
            BufferedReader r = new BufferedReader(new InputStreamReader(
                    new ByteArrayInputStream(data, start, data.length - start), StandardCharsets.ISO_8859_1));
            this.lines = new TextLines(r, src, headerLines);
        }

        @Override
        public void beginRow(String el, int index, int count) throws IOException {
            element = el;
            String line = lines.next();
            if (line == null) {
                throw new CorruptFileException(src, "the header declares " + count + " '" + el
                        + "' elements but the file ends after " + index + " (line " + lines.lineNumber() + ")");
            }
            tokens = TextLines.split(line);
            at = 0;
        }

        @Override
        public double next(Type t) throws IOException {
            if (at >= tokens.length) {
                throw lines.errorHere("too few values for a '" + element + "' element (" + tokens.length + ")");
            }
            String s = tokens[at++];
            try {
                return t == Type.FLOAT || t == Type.DOUBLE ? TextLines.parseDouble(s) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw lines.errorHere("'" + s + "' is not a valid " + t.name().toLowerCase() + " in a '" + element
                        + "' element");
            }
        }

        @Override
        public void endRow() throws IOException {
            if (at != tokens.length) {
                throw lines.errorHere("a '" + element + "' element has " + tokens.length + " values but its properties"
                        + " take " + at);
            }
        }

        @Override
        public void finish() throws IOException {
            String extra = lines.next();
            if (extra != null) {
                throw lines.errorHere("unexpected data after the declared elements: '" + OffFormat.abbreviate(extra)
                        + "' (wrong element count in the header?)");
            }
        }

        @Override
        public CorruptFileException error(String what) {
            return lines.errorHere(what);
        }
    }

    private static final class BinaryBody implements Body {
        private final ByteBuffer buf;
        private final String src;
        private long rowStart;
        private String element;
        private int index;
        private int count;

        BinaryBody(byte[] data, int start, ByteOrder order, String src) {
            this.buf = ByteBuffer.wrap(data).order(order);
            buf.position(start);
            this.src = src;
        }

        @Override
        public void beginRow(String el, int i, int n) {
            element = el;
            index = i;
            count = n;
            rowStart = buf.position();
        }

        @Override
        public double next(Type t) throws IOException {
            if (buf.remaining() < t.bytes) {
                throw new CorruptFileException(src, "truncated binary data: '" + element + "' element " + index + " of "
                        + count + " needs " + t.bytes + " more bytes at offset " + buf.position() + " but the file has "
                        + buf.limit() + " bytes");
            }
            try {
                return t.read(buf);
            } catch (BufferUnderflowException e) {
                throw new CorruptFileException(src, "truncated binary data at offset " + buf.position(), e);
            }
        }

        @Override
        public void endRow() { }

        @Override
        public void finish() throws IOException {
            if (buf.remaining() > 0) {
                throw new CorruptFileException(src, buf.remaining() + " unexpected bytes after the declared elements at"
                        + " offset " + buf.position() + " (wrong element count in the header?)");
            }
        }

        @Override
        public CorruptFileException error(String what) {
            return new CorruptFileException(src, "byte offset " + rowStart + ": " + what);
        }
    }

    /**
     * Writes a point cloud (with its normals and colours, if any), atomically.
     *
     * @param file the target
     * @param cloud the points
     * @param encoding {@link Encoding#ASCII} or {@link Encoding#BINARY_LITTLE_ENDIAN}
     * @throws IOException on failure
     */
    public static void write(Path file, PointCloud cloud, Encoding encoding) throws IOException {
        write(file, cloud, null, encoding);
    }

    /**
     * Writes a mesh (vertices and triangles), atomically.
     *
     * @param file the target
     * @param mesh the mesh
     * @param encoding {@link Encoding#ASCII} or {@link Encoding#BINARY_LITTLE_ENDIAN}
     * @throws IOException on failure
     */
    public static void write(Path file, Mesh mesh, Encoding encoding) throws IOException {
        write(file, mesh.vertexCloud(), mesh.faces(), encoding);
    }

    private static void write(Path file, PointCloud cloud, int[] faces, Encoding encoding) throws IOException {
        if (encoding == Encoding.BINARY_BIG_ENDIAN) {
            throw new IllegalArgumentException("writing binary big-endian PLY is not supported; use ASCII or"
                    + " BINARY_LITTLE_ENDIAN");
        }
        float[] p = cloud.xyz();
        float[] n = cloud.normals();
        float[] c = cloud.colors();
        int nf = faces == null ? 0 : faces.length / 3;
        StringBuilder h = new StringBuilder("ply\nformat ")
                .append(encoding == Encoding.ASCII ? "ascii" : "binary_little_endian").append(" 1.0\n")
                .append("comment written by Tessera\n")
                .append("element vertex ").append(cloud.size()).append('\n')
                .append("property float x\nproperty float y\nproperty float z\n");
        if (n != null) {
            h.append("property float nx\nproperty float ny\nproperty float nz\n");
        }
        if (c != null) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        if (faces != null) {
            h.append("element face ").append(nf).append('\n').append("property list uchar int vertex_indices\n");
        }
        h.append("end_header\n");
        AtomicFiles.write(file, out -> {
            out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
            if (encoding == Encoding.ASCII) {
                Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
                for (int i = 0; i < p.length; i += 3) {
                    w.write(p[i] + " " + p[i + 1] + " " + p[i + 2]);
                    if (n != null) {
                        w.write(" " + n[i] + " " + n[i + 1] + " " + n[i + 2]);
                    }
                    if (c != null) {
                        w.write(" " + rgb(c[i]) + " " + rgb(c[i + 1]) + " " + rgb(c[i + 2]));
                    }
                    w.write('\n');
                }
                for (int f = 0; f < nf; f++) {
                    w.write("3 " + faces[3 * f] + " " + faces[3 * f + 1] + " " + faces[3 * f + 2] + "\n");
                }
                w.flush();
            } else {
                int row = 12 + (n != null ? 12 : 0) + (c != null ? 3 : 0);
                ByteBuffer b = ByteBuffer.allocate(row * cloud.size() + 13 * nf).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < p.length; i += 3) {
                    b.putFloat(p[i]).putFloat(p[i + 1]).putFloat(p[i + 2]);
                    if (n != null) {
                        b.putFloat(n[i]).putFloat(n[i + 1]).putFloat(n[i + 2]);
                    }
                    if (c != null) {
                        b.put((byte) rgb(c[i])).put((byte) rgb(c[i + 1])).put((byte) rgb(c[i + 2]));
                    }
                }
                for (int f = 0; f < nf; f++) {
                    b.put((byte) 3).putInt(faces[3 * f]).putInt(faces[3 * f + 1]).putInt(faces[3 * f + 2]);
                }
                out.write(b.array(), 0, b.position());
            }
        });
    }

    private static int rgb(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
