package io.github.dl4jrecipes.examples.tabular;

import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header row, as rows of column name → raw value (Jackson's CSV module), and
 * written back atomically.
 *
 * @param source the file, for messages
 * @param header the column names in file order
 * @param rows   one map per data row, in file order
 */
public record CsvRows(Path source, List<String> header, List<Map<String, String>> rows) {

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    /** Copies. */
    public CsvRows {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * Reads a UTF-8 CSV file with a header row.
     *
     * @throws IllegalArgumentException naming the file when it is missing, empty or malformed
     */
    public static CsvRows read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("CSV " + file + " does not exist; fix: check the path");
        }
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                records.add(it.nextValue());
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("CSV " + file + " cannot be parsed (" + e.getMessage() + "); fix: "
                    + "write it as comma-separated values with a header row", e);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("CSV " + file + " is empty; fix: write a header row, then data rows");
        }
        List<String> header = records.get(0).stream().map(String::trim).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            if (record.size() != header.size()) {
                throw new IllegalArgumentException("CSV " + file + " line " + (r + 1) + " has " + record.size()
                        + " fields but the header has " + header.size() + "; fix: give every row one value per column");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), record.get(c));
            }
            rows.add(row);
        }
        return new CsvRows(file, header, rows);
    }

    /** Writes {@code header} and {@code rows} as CSV to a temporary file, then renames it into place. */
    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        header.forEach(schema::addColumn);
        StringWriter text = new StringWriter();
        CSV.writer(schema.build()).writeValues(text).writeAll(rows).close();
        AtomicFiles.writeString(file, text.toString());
    }
}
