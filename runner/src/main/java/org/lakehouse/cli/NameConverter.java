package org.lakehouse.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option value named by the user, parsed by a {@code fromCliName}-style function that throws
 * {@link IllegalArgumentException} with the allowed names: that message becomes the usage error (exit 2).
 */
abstract class NameConverter<T> implements ITypeConverter<T> {
    protected abstract T parse(String name);

    @Override
    public final T convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
