package dev.bulwark.runtime.guard;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the JVM puts a {@link GuardCall}'s fields: a new field, or a JVM that lays fields out otherwise, could
 * bring them back within a cache line pair of a neighbouring object without anything else noticing.
 */
class GuardCallLayoutTest {
    private static final long PADDING = 128;

    @Test
    void aCallsOwnFieldsComeAfter128BytesOfPadding() throws Exception {
        long firstOwn = offsets(GuardCall.class).stream().min(Long::compare).orElseThrow();
        long lastPadding = offsets(GuardCallPadding.class).stream().max(Long::compare).orElseThrow();

        // A 12-byte header is followed by the int that fills its gap, then the 128 bytes.
        assertThat(firstOwn).as("the offset of the call's first field").isGreaterThanOrEqualTo(PADDING + 16);
        assertThat(firstOwn).as("the offset of the call's first field").isGreaterThan(lastPadding);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static List<Long> offsets(Class<?> type) throws Exception {
        Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        return Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(unsafe::objectFieldOffset)
                .toList();
    }
}
