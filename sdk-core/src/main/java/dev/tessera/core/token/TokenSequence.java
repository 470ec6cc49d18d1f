package dev.tessera.core.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of {@link Segment}s, framed by control tokens when turned into global ids:
 * {@code BOS [BEGIN:a] a... [END:a] [BEGIN:b] b... [END:b] EOS}.
 */
public final class TokenSequence {
    private final List<Segment> segments;

    /**
     * Creates a sequence.
     *
     * @param segments the segments in order
     */
    public TokenSequence(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * Creates a sequence.
     *
     * @param segments the segments in order
     * @return the sequence
     */
    public static TokenSequence of(Segment... segments) {
        return new TokenSequence(List.of(segments));
    }

    /** @return the segments */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * Returns the framed global ids {@code BOS, BEGIN:a, ..., END:a, ..., [EOS]}. For a plain
     * layout, the single segment's ids without any framing.
     *
     * @param layout the vocabulary layout
     * @param withEos whether to end with EOS (framed layouts only)
     * @return the global ids
     * @throws UnknownTokenException if a local id is outside its modality's vocabulary
     */
    public int[] toGlobalIds(VocabularyLayout layout, boolean withEos) {
        return encode(layout, withEos, null);
    }

    /**
     * Returns a generation prompt: the framed segments followed by {@code BEGIN:next}, so the
     * model continues by writing a segment of modality {@code next}.
     *
     * @param layout the vocabulary layout (framed)
     * @param next the modality to be generated
     * @return the global ids
     */
    public int[] promptFor(VocabularyLayout layout, String next) {
        return encode(layout, false, next);
    }

    /**
     * Returns a prompt that continues the last segment: every segment framed, the last one left open (no
     * {@code END}), so the model goes on writing it — a text prompt the model completes.
     *
     * @param layout the vocabulary layout (framed)
     * @return the global ids
     * @throws IllegalStateException if the sequence has no segment
     */
    public int[] continuation(VocabularyLayout layout) {
        if (segments.isEmpty()) {
            throw new IllegalStateException("an empty sequence has no segment to continue");
        }
        int[] closed = encode(layout, false, null);
        return layout.framed() ? java.util.Arrays.copyOf(closed, closed.length - 1) : closed;
    }

    private int[] encode(VocabularyLayout layout, boolean withEos, String next) {
        List<Integer> out = new ArrayList<>();
        if (!layout.framed()) {
            if (segments.size() != 1 || next != null) {
                throw new IllegalArgumentException("a plain layout encodes exactly one segment, got " + segments.size());
            }
            Segment s = segments.get(0);
            for (int i = 0; i < s.length(); i++) {
                out.add(checkedGlobal(layout, s, i));
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
        out.add(layout.bos());
        for (Segment s : segments) {
            out.add(layout.begin(s.modality()));
            for (int i = 0; i < s.length(); i++) {
                out.add(checkedGlobal(layout, s, i));
            }
            out.add(layout.end(s.modality()));
        }
        if (next != null) {
            out.add(layout.begin(next));
        } else if (withEos) {
            out.add(layout.eos());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int checkedGlobal(VocabularyLayout layout, Segment s, int i) {
        int local = s.token(i);
        if (local < 0 || local >= layout.vocabularySize(s.modality())) {
            throw new UnknownTokenException(local, i, "segment '" + s.modality() + "' has vocabulary "
                    + layout.vocabularySize(s.modality()));
        }
        return layout.toGlobal(s.modality(), local);
    }

    /**
     * Parses global ids back into segments. Framing must be well formed: every {@code BEGIN:m}
     * closed by {@code END:m} with only ids of {@code m} between; a trailing unclosed segment is
     * accepted (a generation cut short) and returned as it is.
     *
     * @param layout the vocabulary layout
     * @param ids global ids, optionally starting with BOS and ending with EOS
     * @return the sequence
     * @throws IllegalArgumentException if the framing is broken (the message gives the position)
     */
    public static TokenSequence parse(VocabularyLayout layout, int[] ids) {
        List<Segment> out = new ArrayList<>();
        if (!layout.framed()) {
            String m = layout.modalities().get(0);
            for (int i = 0; i < ids.length; i++) {
                layout.checkId(ids[i], i);
            }
            out.add(new Segment(m, ids));
            return new TokenSequence(out);
        }
        String open = null;
        List<Integer> cur = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            layout.checkId(id, i);
            String m = layout.modalityOf(id);
            if (m != null) {
                if (!m.equals(open)) {
                    throw new IllegalArgumentException("token " + layout.describe(id) + " at position " + i
                            + (open == null ? " is outside any segment" : " inside a '" + open + "' segment"));
                }
                cur.add(id - layout.offset(m));
                continue;
            }
            String name = layout.describe(id);
            String opened = layout.opens(id);
            if (id == layout.bos()) {
                if (i != 0) {
                    throw new IllegalArgumentException("BOS at position " + i + "; it may only come first");
                }
            } else if (id == layout.eos()) {
                if (open != null) {
                    throw new IllegalArgumentException("EOS at position " + i + " inside an open '" + open + "' segment");
                }
                break;
            } else if (opened != null) {
                if (open != null) {
                    throw new IllegalArgumentException(name + " at position " + i + " inside an open '" + open + "' segment");
                }
                open = opened;
                cur = new ArrayList<>();
            } else {
                String m2 = layout.closes(id);
                if (!m2.equals(open)) {
                    throw new IllegalArgumentException(name + " at position " + i + " closes "
                            + (open == null ? "no segment" : "a '" + open + "' segment"));
                }
                out.add(new Segment(open, cur.stream().mapToInt(Integer::intValue).toArray(), null, Map.of()));
                open = null;
            }
        }
        if (open != null) {
            out.add(new Segment(open, cur.stream().mapToInt(Integer::intValue).toArray(), null, Map.of()));
        }
        return new TokenSequence(out);
    }

    @Override
    public String toString() {
        return "TokenSequence" + segments;
    }
}
