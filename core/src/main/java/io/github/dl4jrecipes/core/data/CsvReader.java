package io.github.dl4jrecipes.core.data;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
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
 * Reads a CSV file one record at a time, so that a big table is never held as text or as one
 * {@code String} per cell: {@link CsvTable} collects the records of small files, {@link TabularData}
 * turns them into primitive columns as they come. The rules are {@link CsvTable}'s: a header row of
 * distinct names, then data rows of exactly as many fields (quoted fields may hold the delimiter
 * and span lines, parsed by DataVec's CSV parser; a line without quotes or backslashes is split
 * directly, which gives the same fields faster), blank lines skipped, fields trimmed, bytes
 * decoded strictly.
 */
final class CsvReader implements Closeable {

    /** The Unicode byte-order mark, which Excel puts before the first header name of a UTF-8 CSV. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** Characters after which DataVec's parser treats a line specially (quote, escape). */
    private static final String SPECIAL = "\"\\";
    /** Bytes read from the file at a time, and characters buffered by the line reader. */
    private static final int BUFFER = 1 << 16;

    private final String source;
    private final CsvFormat format;
    private final BufferedReader in;
    private final SerializableCSVParser parser;
    private final List<String> header;
    private int lineNo;
    private int recordLine;

    private CsvReader(String source, InputStream bytes, CsvFormat format) {
        this.source = source;
        this.format = format;
        this.in = new BufferedReader(new StrictDecoder(source, bytes, format), BUFFER);
        this.parser = new SerializableCSVParser(format.delimiter());
        String[] names = next();
        if (names == null) {
            close();
            throw new DataLoadException("CSV " + source + " is empty: no header row; fix: start the file with a "
                    + "header row naming the columns, then one row per example");
        }
        names[0] = stripByteOrderMark(names[0]);
        this.header = checkHeader(source, names, recordLine);
    }

    /**
     * Opens {@code file} and reads its header row.
     *
     * @throws DataLoadException naming the file when it is missing, unreadable, empty or has a
     *     nameless or repeated header column
     */
    static CsvReader open(Path file, CsvFormat format) {
        InputStream bytes;
        try {
            bytes = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataLoadException("CSV " + file + " does not exist; fix: check the path");
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
        return new CsvReader(file.toString(), bytes, format);
    }

    /** A reader of CSV text held in {@code bytes}; {@code source} names it in messages. */
    static CsvReader of(String source, byte[] bytes, CsvFormat format) {
        return new CsvReader(source, new ByteArrayInputStream(bytes), format);
    }

    /** The file name, for messages. */
    String source() {
        return source;
    }

    /** The column names, trimmed and distinct. */
    List<String> header() {
        return header;
    }

    /**
     * The fields of the next data row, trimmed, or {@code null} at the end of the file.
     *
     * @throws DataLoadException naming the line of a ragged row, an unclosed quote or bytes not in
     *     the encoding
     */
    String[] nextRow() {
        String[] record = next();
        if (record != null && record.length != header.size()) {
            throw new DataLoadException("CSV " + source + " line " + recordLine + " has " + record.length
                    + " fields but the header has " + header.size() + "; fix: give every row one field per "
                    + "header column (quote fields that contain " + CsvFormat.printable(format.delimiter()) + ")");
        }
        return record;
    }

    /** The 1-based file line the last record returned starts on (the header is line 1). */
    int line() {
        return recordLine;
    }

    private String[] next() {
        try {
            String line;
            List<String> pending = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!parser.isPending()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    recordLine = lineNo;
                    if (isPlain(line)) {
                        return split(line);
                    }
                    pending = new ArrayList<>();
                }
                pending.addAll(List.of(parser.parseLineMulti(line)));
                if (!parser.isPending()) {
                    return pending.stream().map(String::trim).toArray(String[]::new);
                }
            }
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (parser.isPending()) {
            throw new DataLoadException("CSV " + source + " line " + recordLine + " opens a quoted field that is "
                    + "never closed; fix: close the quote");
        }
        return null;
    }

    /** Whether {@code line} holds no quote or escape character, so splitting it at delimiters is parsing it. */
    private static boolean isPlain(String line) {
        for (int i = 0; i < SPECIAL.length(); i++) {
            if (line.indexOf(SPECIAL.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The trimmed fields of a plain line. */
    private String[] split(String line) {
        char delimiter = format.delimiter();
        int count = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            count++;
        }
        String[] fields = new String[count];
        int start = 0;
        for (int f = 0; f < count; f++) {
            int end = f == count - 1 ? line.length() : line.indexOf(delimiter, start);
            fields[f] = line.substring(start, end).trim();
            start = end + 1;
        }
        return fields;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataLoadException unreadable(String source, IOException e) {
        return new DataLoadException("CSV " + source + " cannot be read (" + e + "); fix: check that it is a "
                + "readable file", e);
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

    /**
     * Decodes bytes in chunks, failing on the first byte that is not in the encoding with the line
     * it is on (counted in the characters decoded before it).
     */
    private static final class StrictDecoder extends Reader {

        private final String source;
        private final InputStream bytes;
        private final CsvFormat format;
        private final CharsetDecoder decoder;
        private final ByteBuffer in = ByteBuffer.allocate(BUFFER);
        private final CharBuffer out;
        private boolean endOfInput;
        private CoderResult error;
        private int newlines;

        StrictDecoder(String source, InputStream bytes, CsvFormat format) {
            this.source = source;
            this.bytes = bytes;
            this.format = format;
            this.decoder = format.encoding().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.out = CharBuffer.allocate((int) Math.ceil(BUFFER * (double) decoder.maxCharsPerByte()) + 1);
            in.flip();
            out.flip();
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            while (!out.hasRemaining()) {
                if (error != null) {
                    throw notInEncoding();
                }
                if (endOfInput && !in.hasRemaining()) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(length, out.remaining());
            out.get(buffer, offset, n);
            for (int i = offset; i < offset + n; i++) {
                newlines += buffer[i] == '\n' ? 1 : 0;
            }
            return n;
        }

        /** Reads more bytes and decodes them into {@code out}, remembering an error for when {@code out} is used up. */
        private void fill() throws IOException {
            in.compact();
            int read = endOfInput ? -1 : bytes.read(in.array(), in.position(), in.remaining());
            if (read < 0) {
                endOfInput = true;
            } else {
                in.position(in.position() + read);
            }
            in.flip();
            out.clear();
            CoderResult result = decoder.decode(in, out, endOfInput);
            if (!result.isError() && endOfInput && !in.hasRemaining()) {
                result = decoder.flush(out);
            }
            if (result.isError()) {
                error = result;
            }
            out.flip();
        }

        private DataLoadException notInEncoding() {
            String name = format.encoding().name();
            return DataLoadException.of("CSV " + source + " line " + (newlines + 1) + " is not valid " + name
                    + " (byte 0x" + String.format("%02X", in.get(in.position()) & 0xFF) + "); fix: save the file as "
                    + name + ", or read it in its own encoding with ",
                    TableSetting.ENCODING.with("ISO-8859-1"), " (Latin-1; windows-1252 for Excel on Windows)");
        }

        @Override
        public void close() throws IOException {
            bytes.close();
        }
    }
}
