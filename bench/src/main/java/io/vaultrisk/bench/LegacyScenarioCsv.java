package io.vaultrisk.bench;

import io.vaultrisk.allocator.ScenarioMatrix;
import java.io.BufferedReader;
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
 * The scenario reader as it was before the byte-level parser (BufferedReader lines, String.split, a regex and
 * Double.parseDouble per cell), kept only as the baseline of {@link ScenarioCsvBenchmark}.
 * <p>
 * Reads a scenario matrix from comma-separated text: one scenario per row, one column per strategy, an optional
 * header row of names. Strict on purpose: NaN, infinities, ragged rows and non-numbers are errors naming the line,
 * because a silently skipped row would change every tail statistic.
 */
final class LegacyScenarioCsv {

    /** Plain decimal or scientific notation; rejects what Double.parseDouble also accepts (NaN, hex, "1d"). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private LegacyScenarioCsv() {}

    /** Reads a file; a missing or unreadable file is a {@link ScenarioFileException}. */
    public static ScenarioMatrix read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw bad(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw bad(file.toString(), 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Parses CSV text. Lines starting with '#' and blank lines are skipped. The first remaining line is a header when
     * none of its fields is a number; without a header the strategies are named s1, s2, ...
     */
    public static ScenarioMatrix parse(Reader reader, String source) {
        BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        List<String> names = null;
        int width = -1;
        double[] data = new double[1024];
        int size = 0;
        int lineNo = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String trimmed = line.strip();
                if (lineNo == 1 && trimmed.startsWith("\uFEFF")) {
                    trimmed = trimmed.substring(1).strip();
                }
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split(",", -1);
                if (width < 0) {
                    width = fields.length;
                    if (isHeader(fields)) {
                        names = header(fields, source, lineNo);
                        continue;
                    }
                    names = defaultNames(width);
                }
                if (fields.length != width) {
                    throw bad(source, lineNo, "has " + fields.length + " fields, expected " + width);
                }
                if (size + width > data.length) {
                    data = Arrays.copyOf(data, Math.max(data.length * 2, size + width));
                }
                for (int i = 0; i < width; i++) {
                    data[size++] = number(fields[i].strip(), source, lineNo, i, names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size == 0) {
            throw bad(source, 0, "no scenario rows");
        }
        try {
            return ScenarioMatrix.of(names, Arrays.copyOf(data, size));
        } catch (IllegalArgumentException e) {
            throw bad(source, 0, e.getMessage());
        }
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
                throw bad(source, lineNo, "header column " + (i + 1) + " has no name");
            }
            if (names.contains(name)) {
                throw bad(source, lineNo, "header name '" + name + "' appears twice");
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
        String where = "column " + (column + 1) + " ('" + names.get(column) + "')";
        if (!NUMBER.matcher(field).matches()) {
            String shown = field.isEmpty() ? "an empty field" : "'" + field + "'";
            throw bad(source, lineNo, where + " is not a number: " + shown);
        }
        double value = Double.parseDouble(field);
        if (!Double.isFinite(value)) {
            throw bad(source, lineNo, where + " overflows: '" + field + "'");
        }
        if (value < -1.0) {
            throw bad(source, lineNo, where + " is a simple return below -1 (a loss beyond the capital): " + field);
        }
        return value;
    }

    private static IllegalArgumentException bad(String source, int line, String problem) {
        return new IllegalArgumentException(source + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
