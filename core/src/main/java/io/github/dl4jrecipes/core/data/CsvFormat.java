package io.github.dl4jrecipes.core.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a CSV file is written: its field delimiter and its character encoding. Every CSV the
 * library reads ({@link TabularData}, a saved tabular model's inputs) goes through {@link CsvTable}
 * with one of these.
 *
 * <pre>{@code
 * CsvFormat semicolons = CsvFormat.DEFAULT.withDelimiter(';').withEncoding(StandardCharsets.ISO_8859_1);
 * }</pre>
 *
 * @param delimiter the character between fields
 * @param encoding the character set of the bytes; bytes it cannot decode are an error naming the line
 */
public record CsvFormat(char delimiter, Charset encoding) {

    /** Comma: RFC 4180's delimiter. */
    public static final char DEFAULT_DELIMITER = ',';
    /** UTF-8: RFC 4180's recommended charset and what spreadsheet programs write on "CSV UTF-8". */
    public static final Charset DEFAULT_ENCODING = StandardCharsets.UTF_8;
    /** Comma-separated UTF-8. */
    public static final CsvFormat DEFAULT = new CsvFormat(DEFAULT_DELIMITER, DEFAULT_ENCODING);

    /** Validates. */
    public CsvFormat {
        Objects.requireNonNull(encoding, "encoding");
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter: " + printable(delimiter) + " cannot separate CSV fields "
                    + "(it quotes or ends records); fix: use ',', ';', a tab or '|'");
        }
    }

    /** A copy with another delimiter. */
    public CsvFormat withDelimiter(char fieldDelimiter) {
        return new CsvFormat(fieldDelimiter, encoding);
    }

    /** A copy with another encoding. */
    public CsvFormat withEncoding(Charset charset) {
        return new CsvFormat(delimiter, charset);
    }

    /** A character as it reads in a message: {@code ';'}, {@code '\t'}. */
    static String printable(char c) {
        return switch (c) {
            case '\t' -> "'\\t'";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            default -> "'" + c + "'";
        };
    }
}
