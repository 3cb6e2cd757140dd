package io.github.dl4jrecipes.core.data.internal;

import io.github.dl4jrecipes.core.data.DataLoadException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.datavec.api.records.reader.impl.csv.SerializableCSVParser;

/**
 * A CSV file read whole into memory with DataVec's CSV parser: a header row, then data rows of
 * exactly as many fields (quoted fields may hold the delimiter and span lines). Blank lines are
 * skipped. Every row keeps the line number it started on, for messages.
 *
 * @param source the file name, for messages
 * @param header the column names, trimmed
 * @param rows the fields of each data row, trimmed
 * @param lines the 1-based line number each row starts on
 */
public record CsvTable(String source, List<String> header, List<String[]> rows, int[] lines) {

    /** The Unicode byte-order mark, which Excel puts before the first header name of a UTF-8 CSV. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** Reads {@code reader} completely; the reader is closed. */
    public static CsvTable read(String source, Reader reader, char delimiter) {
        SerializableCSVParser parser = new SerializableCSVParser(delimiter);
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
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
                if (parser.isPending()) {
                    pending.addAll(List.of(fields));
                    continue;
                }
                pending.addAll(List.of(fields));
                String[] record = pending.stream().map(String::trim).toArray(String[]::new);
                if (header == null) {
                    record[0] = stripByteOrderMark(record[0]);
                    header = checkHeader(source, record);
                } else {
                    if (record.length != header.size()) {
                        throw new DataLoadException("CSV " + source + " line " + recordStart + " has " + record.length
                                + " fields but the header has " + header.size() + "; fix: give every row one field per "
                                + "header column (quote fields that contain '" + delimiter + "')");
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
            throw new DataLoadException("CSV " + source + " cannot be read (" + e.getMessage() + "); fix: check the "
                    + "file exists, is readable and is text", e);
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

    private static List<String> checkHeader(String source, String[] names) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.length; c++) {
            if (names[c].isEmpty()) {
                throw new DataLoadException("CSV " + source + " header column " + (c + 1) + " has no name; fix: name "
                        + "every column in the header row");
            }
            if (!seen.add(names[c])) {
                throw new DataLoadException("CSV " + source + " header names column '" + names[c] + "' twice; fix: "
                        + "give every column a distinct name");
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
}
