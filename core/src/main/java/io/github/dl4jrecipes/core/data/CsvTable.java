package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.IntList;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's one CSV reader and writer. A file is read whole into memory, one {@code String}
 * per field (big tables for training go through {@link TabularData}, which keeps primitive columns):
 * a header row of distinct names, then data rows of exactly as many fields (quoted fields may
 * hold the delimiter and span lines; DataVec's CSV parser). Blank lines are skipped; fields are
 * trimmed. Every row keeps the 1-based file line it starts on (the header is line 1), for messages.
 *
 * <pre>{@code
 * CsvTable table = CsvTable.read(Path.of("new.csv"), CsvFormat.DEFAULT);
 * String first = table.rows().get(0)[table.indexOf("island")];
 * CsvTable.write(Path.of("out.csv"), List.of("a", "b"), List.of(List.of("1", "x, y")));
 * }</pre>
 *
 * @param source the file name, for messages
 * @param header the column names, trimmed and distinct
 * @param rows the fields of each data row, trimmed (do not modify the arrays)
 * @param lines the 1-based file line each row starts on (do not modify)
 */
public record CsvTable(String source, List<String> header, List<String[]> rows, int[] lines) {

    /** Characters that make the writer quote a field (with the delimiter). */
    private static final String NEEDS_QUOTES = "\"\r\n";

    /** Copies the lists. */
    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * Reads a CSV file completely.
     *
     * @throws DataLoadException naming the file (and line) when it is missing, unreadable, not in
     *     {@code format}'s encoding, empty, has a nameless or repeated header column, a ragged row
     *     or an unclosed quote
     */
    public static CsvTable read(Path file, CsvFormat format) {
        try (CsvReader reader = CsvReader.open(file, format)) {
            return read(reader);
        }
    }

    /** Reads CSV text held in {@code bytes}; {@code source} names it in messages. */
    static CsvTable read(String source, byte[] bytes, CsvFormat format) {
        try (CsvReader reader = CsvReader.of(source, bytes, format)) {
            return read(reader);
        }
    }

    private static CsvTable read(CsvReader reader) {
        List<String[]> rows = new ArrayList<>();
        IntList lines = new IntList();
        for (String[] row = reader.nextRow(); row != null; row = reader.nextRow()) {
            rows.add(row);
            lines.add(reader.line());
        }
        if (rows.isEmpty()) {
            throw noDataRows(reader.source());
        }
        return new CsvTable(reader.source(), reader.header(), rows, lines.toArray());
    }

    /** The error for a file with a header and nothing below it. */
    static DataLoadException noDataRows(String source) {
        return new DataLoadException("CSV " + source + " has a header but no data rows; fix: add at least one "
                + "row per example below the header");
    }

    /** Index of column {@code name}, or -1. */
    public int indexOf(String name) {
        return header.indexOf(name);
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /**
     * Writes a header and rows as comma-separated UTF-8, quoting fields that need it (RFC 4180),
     * atomically: a reader sees the old file or the complete new one.
     *
     * @throws IllegalArgumentException when a row's length differs from the header's
     */
    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder text = new StringBuilder();
        appendRecord(text, header);
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new IllegalArgumentException("rows: row " + (r + 1) + " has " + rows.get(r).size()
                        + " fields but the header has " + header.size() + "; fix: give every row one field per column");
            }
            appendRecord(text, rows.get(r));
        }
        AtomicFiles.writeString(file, text.toString());
    }

    private static void appendRecord(StringBuilder text, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            boolean quote = field.chars().anyMatch(c -> c == CsvFormat.DEFAULT_DELIMITER || NEEDS_QUOTES.indexOf(c) >= 0);
            text.append(i == 0 ? "" : String.valueOf(CsvFormat.DEFAULT_DELIMITER))
                    .append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        text.append('\n');
    }

    /**
     * Message parts that suggest another delimiter when {@code header} is a single column holding
     * {@code ';'} or a tab (the file was read with the wrong delimiter); empty otherwise.
     */
    static List<Object> delimiterHint(List<String> header) {
        if (header.size() != 1) {
            return List.of();
        }
        char guess = header.get(0).indexOf('\t') >= 0 ? '\t' : ';';
        return List.of(" (a single column: if the file separates fields with another character, set it with ",
                TableSetting.DELIMITER.with(CsvFormat.printable(guess)), ")");
    }
}
