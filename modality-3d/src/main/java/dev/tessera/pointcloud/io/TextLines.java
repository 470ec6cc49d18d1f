package dev.tessera.pointcloud.io;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import dev.tessera.core.io.LineReader;
import java.io.BufferedReader;
import java.io.IOException;

/** Reads significant lines (not blank, not {@code #} comments) and remembers their numbers. */
final class TextLines {
    /** Longest line of a geometry file: far more than any real vertex or face line. */
    static final int MAX_LINE = 1 << 20;

    private final LineReader in;
    private final String source;
    private int lineNumber;

    TextLines(BufferedReader in, String source, int firstLineNumber) {
        this.in = new LineReader(in, source, MAX_LINE);
        this.source = source;
        this.lineNumber = firstLineNumber;
    }

    /** Returns the next significant line, trimmed, or {@code null} at the end of the file. */
    String next() throws IOException {
        String line;
        while ((line = in.next()) != null) {
            lineNumber++;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (!line.isEmpty()) {
                return line;
            }
        }
        return null;
    }

    /** Returns the next significant line or fails naming what was expected. */
    String require(String what) throws IOException {
        String s = next();
        if (s == null) {
            throw error("file ends after line " + lineNumber + " but " + what + " was expected");
        }
        return s;
    }

    int lineNumber() {
        return lineNumber;
    }

    String source() {
        return source;
    }

    /** Fails once a reader has collected more points than {@link Limits#MAX_POINTS}. */
    void checkPointCount(int points, String what) throws CorruptFileException {
        if (points >= Limits.MAX_POINTS) {
            throw errorHere("more than " + Limits.MAX_POINTS + " " + what + " (the most one file may hold)");
        }
    }

    CorruptFileException error(String what) {
        return new CorruptFileException(source, what);
    }

    CorruptFileException errorHere(String what) {
        return new CorruptFileException(source, "line " + lineNumber + ": " + what);
    }

    static String[] split(String line) {
        return line.trim().split("\\s+");
    }

    float parseFloat(String token, String what) throws CorruptFileException {
        float v;
        try {
            v = (float) parseDouble(token);
        } catch (NumberFormatException e) {
            throw errorHere(what + " '" + token + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw errorHere(what + " is " + token + "; coordinates must be finite");
        }
        return v;
    }

    /** Parses a number, also accepting the C spellings {@code nan}, {@code inf}, {@code -inf}. */
    static double parseDouble(String token) {
        String t = token.toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "nan": case "-nan": case "+nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(token);
        }
    }

    int parseInt(String token, String what) throws CorruptFileException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw errorHere(what + " '" + token + "' is not an integer");
        }
    }
}
