package dev.bulwark.agent.policyfile;

import dev.bulwark.agent.matching.MethodPattern;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns the {@link JsonValue}s of a policy file into the settings records, strictly: every key must be a component
 * of the record, every value of the component's type (no coercion), and the record's own checks must pass. Every
 * mistake is reported to {@link PolicyErrors} rather than the first alone.
 */
final class SettingsBinder {
    /** The keys of each record, read once from its components. */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private final PolicyErrors errors;

    SettingsBinder(PolicyErrors errors) {
        this.errors = errors;
    }

    /**
     * A record's values as read from an object, not yet checked by the record.
     *
     * @param index each key's position in {@code values}
     * @param values in the order of the record's components; {@code null} for a key left out or one that failed
     * @param complete whether every key of the object was known and read
     */
    record Keys(Map<String, Integer> index, Object[] values, boolean complete) {
        /** @return the value of {@code key}; {@code null} when it was left out or failed */
        Object value(String key) {
            return values[index.get(key)];
        }
    }

    /** Reads each key of {@code object} as the component of {@code type} it names; unknown keys are reported. */
    Keys keys(Class<?> type, JsonValue object) {
        Shape shape = SHAPES.get(type);
        Object[] values = new Object[shape.keys().length];
        boolean complete = true;
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            Integer index = shape.index().get(member.getKey());
            if (index == null) {
                errors.add(member.getValue().place(), member.getValue().path(),
                        ErrorText.unknownKey(member.getKey(), shape.allowed()));
                complete = false;
                continue;
            }
            RecordComponent component = shape.components()[index];
            values[index] = read(component.getGenericType(), component.isAnnotationPresent(ClassNames.class),
                    member.getValue());
            complete &= values[index] != null;
        }
        return new Keys(shape.index(), values, complete);
    }

    /**
     * @return the record {@code object} describes, or {@code null} when it has a mistake, which is reported; each
     *     key's own checks are reported even when another key of the record is wrong
     */
    <R> R bind(Class<R> type, JsonValue object) {
        if (object.kind() != JsonValue.Kind.OBJECT) {
            errors.add(object.place(), object.path(), "expected " + ErrorText.expected(type));
            return null;
        }
        Keys keys = keys(type, object);
        Shape shape = SHAPES.get(type);
        try {
            // Checked even when a key is wrong: a key that did not read is left out, which every check allows.
            R bound = type.cast(shape.construct(keys.values()));
            return keys.complete() ? bound : null;
        } catch (IllegalArgumentException e) {
            errors.add(object.place(), object.path(), e.getMessage());
        }
        // The record stops at its first check; a record of each key alone shows every key out of range.
        for (String key : object.members().keySet()) {
            Integer index = shape.index().get(key);
            if (index != null && keys.values()[index] != null) {
                Object[] alone = new Object[keys.values().length];
                alone[index] = keys.values()[index];
                try {
                    shape.construct(alone);
                } catch (IllegalArgumentException e) {
                    errors.add(object.place(), object.path(), e.getMessage());
                }
            }
        }
        return null;
    }

    /**
     * @param classNames whether text is an exception class name
     * @return the value as {@code type}, or {@code null} when it is not one, which is reported
     */
    Object read(Type type, boolean classNames, JsonValue value) {
        Class<?> raw = (Class<?>) (type instanceof ParameterizedType generic ? generic.getRawType() : type);
        if (raw == JsonValue.class) {
            return value;
        }
        if (value.isNull()) {
            // A null would silently mean "the default", which leaving the key out says plainly.
            errors.add(value.start(), value.path(), ErrorText.NULL_NOT_ALLOWED);
            return null;
        }
        if (raw == List.class) {
            return list(((ParameterizedType) type).getActualTypeArguments()[0], classNames, value);
        }
        if (raw == Integer.class) {
            return wholeNumber(value);
        }
        if (raw == Double.class) {
            return number(value);
        }
        if (raw == Boolean.class) {
            return value.kind() == JsonValue.Kind.BOOLEAN ? value.scalar() : mismatch(raw, value);
        }
        if (raw == String.class && classNames) {
            return text(value, "a class name in double quotes, such as \"java.io.IOException\"", ClassNameText::check);
        }
        if (raw == String.class) {
            return text(value, ErrorText.expected(String.class), text -> text);
        }
        if (raw == Duration.class) {
            return text(value, ErrorText.expected(Duration.class), DurationText::parse);
        }
        if (raw == MethodPattern.class) {
            return text(value, "a method pattern in double quotes, such as \"javax.sql.DataSource#getConnection(..)\"",
                    MethodPattern::parse);
        }
        if (raw == HttpStatusMatch.class) {
            return parsed(value, HttpStatusMatch::read);
        }
        if (raw.isEnum()) {
            return constant(raw, value);
        }
        if (raw.isRecord()) {
            return bind(raw, value);
        }
        throw new IllegalStateException("no reader for " + type);
    }

    private Object list(Type elementType, boolean classNames, JsonValue value) {
        if (value.kind() != JsonValue.Kind.ARRAY) {
            return mismatch(List.class, value);
        }
        List<Object> elements = new ArrayList<>();
        boolean complete = true;
        for (JsonValue element : value.elements()) {
            Object read = read(elementType, classNames, element);
            complete &= read != null;
            elements.add(read);
        }
        return complete ? elements : null;
    }

    private Object wholeNumber(JsonValue value) {
        if (value.kind() != JsonValue.Kind.INTEGER) {
            return mismatch(Integer.class, value);
        }
        BigInteger number = (BigInteger) value.scalar();
        if (number.bitLength() > 31) {
            errors.add(value.place(), value.path(), number + " is too large; expected a whole number from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            return null;
        }
        return number.intValue();
    }

    private Object number(JsonValue value) {
        if (value.kind() != JsonValue.Kind.INTEGER && value.kind() != JsonValue.Kind.FLOAT) {
            return mismatch(Double.class, value);
        }
        double number = ((Number) value.scalar()).doubleValue();
        if (Double.isInfinite(number)) {
            errors.add(value.place(), value.path(), "the number is too large; expected a number such as 0.5");
            return null;
        }
        return number;
    }

    private Object text(JsonValue value, String expected, Function<String, ?> parse) {
        if (value.kind() != JsonValue.Kind.STRING) {
            errors.add(value.place(), value.path(), "expected " + expected);
            return null;
        }
        return parsed(value, json -> parse.apply((String) json.scalar()));
    }

    private Object parsed(JsonValue value, Function<JsonValue, ?> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            errors.add(value.place(), value.path(), e.getMessage());
            return null;
        }
    }

    private Object constant(Class<?> type, JsonValue value) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            String written = fileName(type, name);
            names.add(written);
            if (value.kind() == JsonValue.Kind.STRING && written.equals(value.scalar())) {
                return constant;
            }
        }
        errors.add(value.place(), value.path(), "expected " + ErrorText.oneOf(names, value));
        return null;
    }

    private static String fileName(Class<?> type, String constant) {
        try {
            FileKey key = type.getField(constant).getAnnotation(FileKey.class);
            return key != null ? key.value() : constant;
        } catch (NoSuchFieldException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Object mismatch(Class<?> type, JsonValue value) {
        errors.add(value.place(), value.path(), "expected " + ErrorText.expected(type));
        return null;
    }

    /**
     * A settings record as the file writes it.
     *
     * @param keys each component's key, in the order of the components
     * @param allowed the keys in alphabetical order, as errors list them
     */
    private record Shape(RecordComponent[] components, String[] keys, Map<String, Integer> index,
                         List<String> allowed, Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] keys = new String[components.length];
            Class<?>[] types = new Class<?>[components.length];
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < components.length; i++) {
                FileKey key = components[i].getAnnotation(FileKey.class);
                keys[i] = key != null ? key.value() : components[i].getName();
                types[i] = components[i].getType();
                index.put(keys[i], i);
            }
            try {
                return new Shape(components, keys, Map.copyOf(index), List.copyOf(new TreeSet<>(index.keySet())),
                        type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        /** @throws IllegalArgumentException from the record's checks */
        Object construct(Object[] values) {
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException invalid) {
                    throw invalid;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
