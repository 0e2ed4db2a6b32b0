package io.vaultrisk.allocator;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a scenario matrix from comma-separated text: one scenario per row, one column per strategy, an optional
 * header row of names. Strict on purpose: NaN, infinities, ragged rows and non-numbers are errors naming the line,
 * because a silently skipped row would change every tail statistic.
 */
public final class ScenarioCsv {

    /** Plain decimal or scientific notation; rejects what Double.parseDouble also accepts (NaN, hex, "1d"). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Bytes a number can start with: a row beginning with one takes the one-pass path. */
    private static final boolean[] START = new boolean[256];

    /** 1 for a byte that cannot be part of a plain decimal number or the spaces around it. */
    private static final int[] FOREIGN = new int[256];

    static {
        for (char c : "0123456789+-.".toCharArray()) {
            START[c] = true;
        }
        Arrays.fill(FOREIGN, 1);
        for (char c : "0123456789.eE+- \t\u000B\f\u001C\u001D\u001E\u001F".toCharArray()) {
            FOREIGN[c] = 0;
        }
    }

    private ScenarioCsv() {}

    /** Reads a file; a missing or unreadable file is a {@link ScenarioFileException}. */
    public static ScenarioMatrix read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioFileException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), 0, "cannot be read: " + e.getMessage());
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses CSV text. Lines starting with '#' and blank lines are skipped. The first remaining line is a header when
     * none of its fields is a number; without a header the strategies are named s1, s2, ...
     */
    public static ScenarioMatrix parse(Reader reader, String source) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[1 << 16];
        try {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(text.toString().getBytes(StandardCharsets.UTF_8), source);
    }

    /**
     * Parses UTF-8 CSV bytes, the same rules as {@link #parse(Reader, String)}. Lines are split and numbers parsed on
     * the bytes (fastdoubleparser: the same double as {@link Double#parseDouble}, several times faster): a 100,000 ×
     * 20 file used to take longer to read than to solve. A field the byte scanner does not accept (non-ASCII spaces,
     * say) goes through the String path, so both paths accept and reject the same fields.
     */
    public static ScenarioMatrix parse(byte[] bytes, String source) {
        Rows head = new Rows(source, -1, null);
        int bodyStart = head.scan(bytes, 0, bytes.length, 0, true);
        Rows all = head;
        int chunks = Math.min(Runtime.getRuntime().availableProcessors(), (bytes.length - bodyStart) / PARALLEL_BYTES);
        if (chunks >= 2) {
            all = parallel(bytes, bodyStart, chunks, head);
        } else {
            head.scan(bytes, bodyStart, bytes.length, head.lineNo, false);
        }
        if (all.size == 0) {
            throw new ScenarioFileException(source, 0, "no scenario rows");
        }
        try {
            return ScenarioMatrix.of(all.names, Arrays.copyOf(all.data, all.size));
        } catch (IllegalArgumentException e) {
            throw new ScenarioFileException(source, 0, e.getMessage());
        }
    }

    /** Below this many bytes per chunk a file is read on one thread. */
    private static final int PARALLEL_BYTES = 1 << 20;

    /**
     * The rows after the header in chunks split after a '\n', one thread each, joined in file order (the same doubles
     * whatever the thread count). A chunk does not know its first line number, so any error sends the whole file
     * through one thread again, which numbers the line.
     */
    private static Rows parallel(byte[] bytes, int bodyStart, int chunks, Rows head) {
        int[] cuts = new int[chunks + 1];
        cuts[0] = bodyStart;
        cuts[chunks] = bytes.length;
        for (int c = 1; c < chunks; c++) {
            int at = Math.max(cuts[c - 1], bodyStart + (int) ((long) (bytes.length - bodyStart) * c / chunks));
            while (at < bytes.length && bytes[at] != '\n') {
                at++;
            }
            cuts[c] = Math.min(bytes.length, at + 1);
        }
        Rows[] parts = new Rows[chunks];
        try {
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
                Rows part = new Rows(head.source, head.width, head.names);
                part.scan(bytes, cuts[c], cuts[c + 1], 0, false);
                parts[c] = part;
            });
        } catch (ScenarioFileException e) {
            head.scan(bytes, bodyStart, bytes.length, head.lineNo, false); // throws with the line number
            throw e;
        }
        int total = head.size;
        for (Rows part : parts) {
            total += part.size;
        }
        Rows all = new Rows(head.source, head.width, head.names);
        all.data = Arrays.copyOf(head.data, Math.max(total, 1));
        all.size = head.size;
        for (Rows part : parts) {
            System.arraycopy(part.data, 0, all.data, all.size, part.size);
            all.size += part.size;
        }
        return all;
    }

    /** Rows read so far: the width and names (from the header or the first row), the values and the line count. */
    private static final class Rows {
        final String source;
        int width;
        List<String> names;
        double[] data = new double[1024];
        int size;
        int lineNo;

        Rows(String source, int width, List<String> names) {
            this.source = source;
            this.width = width;
            this.names = names;
        }

        /**
         * Reads lines of bytes [from, end), the first numbered {@code lineNo + 1}; with {@code headOnly} stops after
         * the line that fixes the width (a header, or the first row, which is read) and returns where the next begins.
         */
        int scan(byte[] bytes, int from, int end, int lineNo, boolean headOnly) {
            if (!headOnly && data.length < size + (end - from) / 16) {
                // a cell takes at least two bytes ("0,"), usually more: this saves the doublings of a large file
                data = Arrays.copyOf(data, size + (end - from) / 16);
            }
            int pos = from;
            while (pos < end) {
                if (width >= 0 && START[bytes[pos] & 0xFF]) {
                    // a row, split and parsed in one pass up to its line end: the common case of a large file
                    lineNo++;
                    if (size + width > data.length) {
                        data = Arrays.copyOf(data, Math.max(data.length * 2, size + width));
                    }
                    int column = 0;
                    int fieldStart = pos;
                    int foreign = 0;
                    int i = pos;
                    try {
                        for (; ; i++) {
                            byte c = i < end ? bytes[i] : (byte) '\n';
                            if (c == ',' || c == '\n' || c == '\r') {
                                if (column < width) {
                                    data[size + column] =
                                            number(bytes, fieldStart, i, foreign, source, lineNo, column, names);
                                }
                                column++;
                                if (c != ',') {
                                    break;
                                }
                                fieldStart = i + 1;
                                foreign = 0;
                            } else {
                                foreign |= FOREIGN[c & 0xFF];
                            }
                        }
                    } catch (ScenarioFileException bad) {
                        int lineEnd = i;
                        while (lineEnd < end && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
                            lineEnd++;
                        }
                        ragged(bytes, pos, lineEnd, width, source, lineNo);
                        throw bad;
                    }
                    if (column != width) {
                        ragged(bytes, pos, i, width, source, lineNo);
                    }
                    size += width;
                    pos = i + (i + 1 < end && bytes[i] == '\r' && bytes[i + 1] == '\n' ? 2 : 1);
                    continue;
                }
                int lineStart = pos;
                int lineEnd = pos;
                while (lineEnd < end && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
                    lineEnd++;
                }
                // the terminators BufferedReader.readLine knows: \n, \r and \r\n
                pos = lineEnd + (lineEnd + 1 < end && bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n' ? 2 : 1);
                lineNo++;
                if (lineNo == 1
                        && from == 0
                        && lineEnd - lineStart >= 3
                        && bytes[lineStart] == (byte) 0xEF
                        && bytes[lineStart + 1] == (byte) 0xBB
                        && bytes[lineStart + 2] == (byte) 0xBF) {
                    lineStart += 3;
                }
                int s = skipSpace(bytes, lineStart, lineEnd);
                int e = trimSpace(bytes, s, lineEnd);
                if (s == e || bytes[s] == '#') {
                    continue;
                }
                boolean fixed = width < 0;
                if (width < 0) {
                    String line = new String(bytes, s, e - s, StandardCharsets.UTF_8).strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] fields = line.split(",", -1);
                    width = fields.length;
                    if (isHeader(fields)) {
                        names = header(fields, source, lineNo);
                        if (headOnly) {
                            this.lineNo = lineNo;
                            return Math.min(pos, end);
                        }
                        continue;
                    }
                    names = defaultNames(width);
                }
                if (size + width > data.length) {
                    data = Arrays.copyOf(data, Math.max(data.length * 2, size + width));
                }
                int column = 0;
                int fieldStart = s;
                int foreign = 0;
                try {
                    for (int i = s; ; i++) {
                        if (i == e || bytes[i] == ',') {
                            if (column >= width) {
                                break;
                            }
                            data[size + column] = number(bytes, fieldStart, i, foreign, source, lineNo, column, names);
                            column++;
                            fieldStart = i + 1;
                            foreign = 0;
                            if (i == e) {
                                break;
                            }
                        } else {
                            foreign |= FOREIGN[bytes[i] & 0xFF];
                        }
                    }
                } catch (ScenarioFileException bad) {
                    ragged(bytes, s, e, width, source, lineNo); // a short row is reported as such, not by its cells
                    throw bad;
                }
                if (column != width || fieldStart != e + 1) {
                    ragged(bytes, s, e, width, source, lineNo);
                }
                size += width;
                if (headOnly && fixed) {
                    this.lineNo = lineNo;
                    return Math.min(pos, end);
                }
            }
            this.lineNo = lineNo;
            return Math.min(pos, end);
        }
    }

    private static void ragged(byte[] b, int s, int e, int width, String source, int lineNo) {
        int n = 1;
        for (int i = s; i < e; i++) {
            if (b[i] == ',') {
                n++;
            }
        }
        if (n != width) {
            throw new ScenarioFileException(source, lineNo, "has " + n + " fields, expected " + width);
        }
    }

    private static boolean space(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }

    private static int skipSpace(byte[] b, int s, int e) {
        while (s < e && space(b[s])) {
            s++;
        }
        return s;
    }

    private static int trimSpace(byte[] b, int s, int e) {
        while (e > s && space(b[e - 1])) {
            e--;
        }
        return e;
    }

    /**
     * The number in bytes [from, to), surrounding ASCII spaces ignored. {@code foreign} is 1 when the field holds a
     * byte outside digits, '.', 'e', 'E', '+', '-' and ASCII spaces (found while splitting, no second pass). Over
     * that alphabet Java's floating-point grammar, which fastdoubleparser implements, is NUMBER's (hexadecimal, NaN,
     * Infinity and the d/f suffixes need other letters), so what it parses is a valid cell; what it rejects and any
     * foreign byte go through the String path, which decides and words the error as before.
     */
    private static double number(
            byte[] b, int from, int to, int foreign, String source, int lineNo, int column, List<String> names) {
        int s = skipSpace(b, from, to);
        int e = trimSpace(b, s, to);
        if (foreign == 0 && s < e) {
            double value;
            try {
                value = JavaDoubleParser.parseDouble(b, s, e - s);
            } catch (NumberFormatException notJava) {
                value = Double.NaN;
            }
            if (Double.isFinite(value) && value >= -1.0) {
                return value; // the common case builds no String
            }
        }
        return number(new String(b, from, to - from, StandardCharsets.UTF_8).strip(), source, lineNo, column, names);
    }

    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            if (NUMBER.matcher(f.strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> header(String[] fields, String source, int lineNo) {
        List<String> names = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            String name = unquote(fields[i].strip());
            if (name.isEmpty()) {
                throw new ScenarioFileException(source, lineNo, "header column " + (i + 1) + " has no name");
            }
            if (names.contains(name)) {
                throw new ScenarioFileException(source, lineNo, "header name '" + name + "' appears twice");
            }
            names.add(name);
        }
        return names;
    }

    private static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).strip();
        }
        return field;
    }

    private static List<String> defaultNames(int width) {
        List<String> names = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            names.add("s" + i);
        }
        return names;
    }

    private static double number(String field, String source, int lineNo, int column, List<String> names) {
        if (!NUMBER.matcher(field).matches()) {
            String shown = field.isEmpty() ? "an empty field" : "'" + field + "'";
            throw new ScenarioFileException(source, lineNo, where(column, names) + " is not a number: " + shown);
        }
        return checked(Double.parseDouble(field), field, source, lineNo, column, names);
    }

    private static double checked(
            double value, String field, String source, int lineNo, int column, List<String> names) {
        if (!Double.isFinite(value)) {
            throw new ScenarioFileException(source, lineNo, where(column, names) + " overflows: '" + field + "'");
        }
        if (value < -1.0) {
            throw new ScenarioFileException(
                    source,
                    lineNo,
                    where(column, names) + " is a simple return below -1 (a loss beyond the capital): " + field);
        }
        return value;
    }

    private static String where(int column, List<String> names) {
        return "column " + (column + 1) + " ('" + names.get(column) + "')";
    }
}
