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
        List<String> names = null;
        int width = -1;
        // a cell takes at least two bytes ("0,"); an estimate of ten saves the doublings of a large file
        double[] data = new double[Math.max(1024, bytes.length / 10)];
        int size = 0;
        int lineNo = 0;
        int pos = 0;
        int end = bytes.length;
        while (pos < end) {
            int lineStart = pos;
            int lineEnd = pos;
            while (lineEnd < end && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
                lineEnd++;
            }
            // the terminators BufferedReader.readLine knows: \n, \r and \r\n
            pos = lineEnd + (lineEnd + 1 < end && bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n' ? 2 : 1);
            lineNo++;
            if (lineNo == 1
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
            if (width < 0) {
                String line = new String(bytes, s, e - s, StandardCharsets.UTF_8).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                width = fields.length;
                if (isHeader(fields)) {
                    names = header(fields, source, lineNo);
                    continue;
                }
                names = defaultNames(width);
            }
            if (size + width > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + width));
            }
            int column = 0;
            int fieldStart = s;
            try {
                for (int i = s; ; i++) {
                    if (i == e || bytes[i] == ',') {
                        if (column >= width) {
                            break;
                        }
                        data[size + column] = number(bytes, fieldStart, i, source, lineNo, column, names);
                        column++;
                        fieldStart = i + 1;
                        if (i == e) {
                            break;
                        }
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
        }
        if (size == 0) {
            throw new ScenarioFileException(source, 0, "no scenario rows");
        }
        try {
            return ScenarioMatrix.of(names, Arrays.copyOf(data, size));
        } catch (IllegalArgumentException e) {
            throw new ScenarioFileException(source, 0, e.getMessage());
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

    /** The number in bytes [from, to), surrounding ASCII spaces ignored; NUMBER's grammar, checked by hand. */
    private static double number(
            byte[] b, int from, int to, String source, int lineNo, int column, List<String> names) {
        int s = skipSpace(b, from, to);
        int e = trimSpace(b, s, to);
        if (!plainNumber(b, s, e)) {
            // the String path: decides the non-ASCII cases as before and words the error
            return number(
                    new String(b, from, to - from, StandardCharsets.UTF_8).strip(), source, lineNo, column, names);
        }
        return checked(JavaDoubleParser.parseDouble(b, s, e - s), b, s, e, source, lineNo, column, names);
    }

    /** {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} on bytes [s, e). */
    static boolean plainNumber(byte[] b, int s, int e) {
        int i = s;
        if (i < e && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == e;
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
            double value, byte[] b, int s, int e, String source, int lineNo, int column, List<String> names) {
        if (Double.isFinite(value) && value >= -1.0) {
            return value; // the common case builds no String
        }
        return checked(value, new String(b, s, e - s, StandardCharsets.US_ASCII), source, lineNo, column, names);
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
