package org.lakehouse.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code lakehouse query} prints rows. */
enum ResultFormat {
    /** Aligned text like Spark's {@code show}, without truncating values. */
    TABLE,
    /** RFC 4180 CSV with a header line; NULL is an empty field. */
    CSV,
    /** One JSON object per line, nulls included. */
    JSON;

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts table / csv / json in any case. */
    static final class Converter implements ITypeConverter<ResultFormat> {
        @Override
        public ResultFormat convert(String value) {
            for (ResultFormat f : values()) {
                if (f.cliName().equalsIgnoreCase(value.strip())) {
                    return f;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a format; use table, csv or json");
        }
    }

    /** The names for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(ResultFormat::cliName).iterator();
        }
    }
}
