package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.CsvFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** How the CSV file is written: {@code --delimiter} and {@code --encoding} ({@link CsvFormat} in Java). */
final class CsvFormatOptions {

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "Field delimiter: one character, or 'tab' (default: ,).")
    Character delimiter;

    @Option(names = "--encoding", paramLabel = "CHARSET", converter = EncodingConverter.class,
            description = "Character encoding of the file, e.g. ISO-8859-1 or windows-1252 (default: UTF-8).")
    Charset encoding;

    /** The format these options describe. */
    CsvFormat format() {
        CsvFormat format = CsvFormat.DEFAULT;
        format = delimiter == null ? format : format.withDelimiter(delimiter);
        return encoding == null ? format : format.withEncoding(encoding);
    }

    /** One character, {@code tab} or {@code \t}; anything else is a usage error. */
    static final class DelimiterConverter implements CommandLine.ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            if (value.equalsIgnoreCase("tab") || value.equals("\\t")) {
                return '\t';
            }
            if (value.length() != 1) {
                throw new CommandLine.TypeConversionException("--delimiter takes one character (or 'tab'), got '"
                        + value + "'");
            }
            return value.charAt(0);
        }
    }

    /** A charset name Java knows; anything else is a usage error. */
    static final class EncodingConverter implements CommandLine.ITypeConverter<Charset> {
        @Override
        public Charset convert(String value) {
            try {
                return Charset.forName(value);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new CommandLine.TypeConversionException("--encoding: unknown charset '" + value + "'; use e.g. "
                        + "UTF-8, ISO-8859-1 or windows-1252");
            }
        }
    }
}
