package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.datavec.api.records.reader.impl.csv.SerializableCSVParser;

/**
 * The project's one CSV reader and writer. A file is read whole into memory with DataVec's CSV
 * parser: a header row of distinct names, then data rows of exactly as many fields (quoted
 * fields may hold the delimiter and span lines). Blank lines are skipped; fields are trimmed.
 * Every row keeps the 1-based file line it starts on (the header is line 1), for messages.
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

    /** The Unicode byte-order mark, which Excel puts before the first header name of a UTF-8 CSV. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataLoadException("CSV " + file + " does not exist; fix: check the path");
        } catch (IOException e) {
            throw new DataLoadException("CSV " + file + " cannot be read (" + e + "); fix: check that it is a "
                    + "readable file", e);
        }
        return read(file.toString(), bytes, format);
    }

    /** Reads CSV text held in {@code bytes}; {@code source} names it in messages. */
    static CsvTable read(String source, byte[] bytes, CsvFormat format) {
        String text = decode(source, bytes, format);
        SerializableCSVParser parser = new SerializableCSVParser(format.delimiter());
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(text))) {
            String line;
            int lineNo = 0;
            int recordStart = 0;
            List<String> pending = new ArrayList<>();
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!parser.isPending()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    recordStart = lineNo;
                    pending.clear();
                }
                String[] fields = parser.parseLineMulti(line);
                pending.addAll(List.of(fields));
                if (parser.isPending()) {
                    continue;
                }
                String[] record = pending.stream().map(String::trim).toArray(String[]::new);
                if (header == null) {
                    record[0] = stripByteOrderMark(record[0]);
                    header = checkHeader(source, record, recordStart);
                } else {
                    if (record.length != header.size()) {
                        throw new DataLoadException("CSV " + source + " line " + recordStart + " has " + record.length
                                + " fields but the header has " + header.size() + "; fix: give every row one field per "
                                + "header column (quote fields that contain " + CsvFormat.printable(format.delimiter())
                                + ")");
                    }
                    rows.add(record);
                    lines.add(recordStart);
                }
            }
            if (parser.isPending()) {
                throw new DataLoadException("CSV " + source + " line " + recordStart + " opens a quoted field that "
                        + "is never closed; fix: close the quote");
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        if (header == null) {
            throw new DataLoadException("CSV " + source + " is empty: no header row; fix: start the file with a "
                    + "header row naming the columns, then one row per example");
        }
        if (rows.isEmpty()) {
            throw new DataLoadException("CSV " + source + " has a header but no data rows; fix: add at least one "
                    + "row per example below the header");
        }
        return new CsvTable(source, header, rows, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The text of {@code bytes}, or an error naming the first line that is not in the encoding. */
    private static String decode(String source, byte[] bytes, CsvFormat format) {
        CharsetDecoder decoder = format.encoding().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw DataLoadException.of("CSV " + source + " line " + line + " is not valid " + format.encoding().name()
                    + " (byte 0x" + String.format("%02X", bytes[at] & 0xFF) + "); fix: save the file as "
                    + format.encoding().name() + ", or read it in its own encoding with ",
                    TableSetting.ENCODING.with("ISO-8859-1"), " (Latin-1; windows-1252 for Excel on Windows)");
        }
        return out.flip().toString();
    }

    private static List<String> checkHeader(String source, String[] names, int line) {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.length; c++) {
            if (names[c].isEmpty()) {
                throw new DataLoadException("CSV " + source + " line " + line + ": header column " + (c + 1) + " has "
                        + "no name; fix: name every column in the header row");
            }
            Integer first = seen.putIfAbsent(names[c], c + 1);
            if (first != null) {
                throw new DataLoadException("CSV " + source + " line " + line + ": the header names column '"
                        + names[c] + "' twice (columns " + first + " and " + (c + 1) + "); fix: give every column a "
                        + "distinct name");
            }
        }
        return List.of(names);
    }

    /** {@code field} without a leading UTF-8 byte-order mark (as spreadsheet programs write). */
    private static String stripByteOrderMark(String field) {
        return !field.isEmpty() && field.charAt(0) == BYTE_ORDER_MARK ? field.substring(1).trim() : field;
    }

    /** Index of column {@code name}, or -1. */
    public int indexOf(String name) {
        return header.indexOf(name);
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** The same file with only rows {@code kept} (indices into {@link #rows()}), lines kept. */
    CsvTable select(int[] kept) {
        List<String[]> selected = new ArrayList<>(kept.length);
        int[] selectedLines = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            selected.add(rows.get(kept[i]));
            selectedLines[i] = lines[kept[i]];
        }
        return new CsvTable(source, header, selected, selectedLines);
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
