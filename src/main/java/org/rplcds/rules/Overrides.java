package org.rplcds.rules;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces record components by kebab-case name ({@code min-losses} for {@code minLosses}), so
 * that every threshold and profile parameter can be set from configuration. Runs once at start.
 */
final class Overrides {

    private Overrides() {}

    static <T extends Record> T apply(T record, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return record;
        }
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        List<String> known = new ArrayList<>();
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(record);
                types[i] = components[i].getType();
                known.add(kebab(components[i].getName()));
            }
            for (var override : overrides.entrySet()) {
                int index = known.indexOf(override.getKey());
                if (index < 0) {
                    throw new IllegalArgumentException("unknown setting '" + override.getKey() + "'; known: " + known);
                }
                values[index] = convert(
                        types[index], override.getKey(), override.getValue().trim());
            }
            var constructor = record.getClass().getDeclaredConstructor(types);
            @SuppressWarnings("unchecked")
            T changed = (T) constructor.newInstance(values);
            return changed;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot apply settings to " + record.getClass().getSimpleName(), e);
        }
    }

    private static Object convert(Class<?> type, String name, String value) {
        try {
            if (type == int.class) {
                return Integer.parseInt(value);
            }
            if (type == boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.parseBoolean(value);
            }
            if (type == BigDecimal.class) {
                return new BigDecimal(value);
            }
            if (type == String.class) {
                return value;
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(value.replace('-', '_'))) {
                        return constant;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("setting '" + name + "' cannot be '" + value + "'");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
