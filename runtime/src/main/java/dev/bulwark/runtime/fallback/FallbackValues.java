package dev.bulwark.runtime.fallback;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Converts a fallback value written in JSON to a method's return type: {@code null} for any object (and
 * {@code Optional.empty()}), booleans, numbers within the type's range, strings, and empty arrays, lists, sets,
 * collections, maps and optionals. Nothing else: a fallback that might surprise the caller is refused up front.
 */
public final class FallbackValues {
    /** What the error message shows as allowed. */
    public static final String ALLOWED = "null, a boolean, a number in the return type's range, a string, "
            + "or [] / {} for an empty array, collection, list, set, map or optional";

    private static final Object NO_CONVERSION = new Object();

    private FallbackValues() {
    }

    /**
     * @param value as read from JSON: {@code null}, Boolean, Long, Double, String, or an empty List or Map
     * @param returnTypeName the method's erased return type, as {@link Class#getName()} spells it
     * @param loader the method's class loader, used only for array types
     * @return the value to return, boxed for primitive types
     * @throws IllegalArgumentException when the value does not fit the type
     * @throws ReflectiveOperationException when an array's component type cannot be loaded
     */
    public static Object convert(Object value, String returnTypeName, ClassLoader loader)
            throws ReflectiveOperationException {
        Object converted = tryConvert(value, returnTypeName, loader);
        if (converted == NO_CONVERSION) {
            throw new IllegalArgumentException("the fallback value " + describe(value)
                    + " cannot be returned by a method returning " + returnTypeName + "; allowed: " + ALLOWED);
        }
        return converted;
    }

    /**
     * Checks that {@code value} fits the type without loading any class: safe while a class is being transformed,
     * where loading its own array type would define it twice.
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    public static void check(Object value, String returnTypeName) {
        boolean emptyContainer = value instanceof List<?> list && list.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
        if (returnTypeName.startsWith("[") && (emptyContainer || value == null)) {
            return;
        }
        try {
            convert(value, returnTypeName, null);
        } catch (ReflectiveOperationException unreachable) {
            throw new IllegalStateException(unreachable);
        }
    }

    private static Object tryConvert(Object value, String type, ClassLoader loader)
            throws ReflectiveOperationException {
        boolean emptyContainer = value instanceof List<?> list && list.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
        switch (type) {
            case "void":
            case "java.lang.Void":
                return value == null ? null : NO_CONVERSION;
            case "boolean":
            case "java.lang.Boolean":
                return value instanceof Boolean || value == null && type.contains(".") ? value : NO_CONVERSION;
            case "int":
            case "java.lang.Integer":
                return integral(value, type, Integer.MIN_VALUE, Integer.MAX_VALUE, number -> (int) number);
            case "long":
            case "java.lang.Long":
                return integral(value, type, Long.MIN_VALUE, Long.MAX_VALUE, number -> number);
            case "short":
            case "java.lang.Short":
                return integral(value, type, Short.MIN_VALUE, Short.MAX_VALUE, number -> (short) number);
            case "byte":
            case "java.lang.Byte":
                return integral(value, type, Byte.MIN_VALUE, Byte.MAX_VALUE, number -> (byte) number);
            case "double":
            case "java.lang.Double":
                return value instanceof Number number ? (Object) number.doubleValue() : nullIfBoxed(value, type);
            case "float":
            case "java.lang.Float":
                return value instanceof Number number ? (Object) number.floatValue() : nullIfBoxed(value, type);
            case "java.lang.String":
            case "java.lang.CharSequence":
                return value instanceof String || value == null ? value : NO_CONVERSION;
            case "java.lang.Object":
                return value;
            case "java.util.concurrent.CompletionStage":
            case "java.util.concurrent.CompletableFuture":
                // A stage's caller reads its failure from the stage, and a null stage would only move the failure.
                return NO_CONVERSION;
            case "java.util.Optional":
                return value == null || emptyContainer ? Optional.empty() : NO_CONVERSION;
            case "java.util.List":
            case "java.util.Collection":
            case "java.lang.Iterable":
                return emptyContainer ? List.of() : value == null ? null : NO_CONVERSION;
            case "java.util.Set":
                return emptyContainer ? Set.of() : value == null ? null : NO_CONVERSION;
            case "java.util.Map":
                return emptyContainer ? Map.of() : value == null ? null : NO_CONVERSION;
            default:
                if (type.startsWith("[") && emptyContainer) {
                    return Array.newInstance(Class.forName(type, false, loader).getComponentType(), 0);
                }
                return value == null && type.contains(".") || value == null && type.startsWith("[")
                        ? null : NO_CONVERSION;
        }
    }

    private static Object integral(Object value, String type, long min, long max,
                                   LongFunction<Object> narrow) {
        if (value instanceof Long number && number >= min && number <= max) {
            return narrow.apply(number);
        }
        return nullIfBoxed(value, type);
    }

    private static Object nullIfBoxed(Object value, String type) {
        return value == null && type.contains(".") ? null : NO_CONVERSION;
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "\"" + value + "\"";
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty() ? "[]" : "a non-empty array";
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "{}" : "a non-empty object";
        }
        return String.valueOf(value);
    }
}
