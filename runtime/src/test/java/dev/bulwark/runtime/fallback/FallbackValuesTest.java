package dev.bulwark.runtime.fallback;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FallbackValuesTest {

    @Test
    void convertsNumbersToTheReturnTypeWithinItsRange() throws Exception {
        assertThat(FallbackValues.convert(7L, "int", null)).isEqualTo(7);
        assertThat(FallbackValues.convert(7L, "java.lang.Long", null)).isEqualTo(7L);
        assertThat(FallbackValues.convert(7L, "double", null)).isEqualTo(7.0);
        assertThatThrownBy(() -> FallbackValues.convert(300L, "byte", null))
                .hasMessageContaining("cannot be returned by a method returning byte");
    }

    @Test
    void nullFitsObjectsButNeverPrimitives() throws Exception {
        assertThat(FallbackValues.convert(null, "java.lang.String", null)).isNull();
        assertThat(FallbackValues.convert(null, "java.lang.Integer", null)).isNull();
        assertThatThrownBy(() -> FallbackValues.convert(null, "int", null))
                .hasMessageContaining("the fallback value null cannot be returned by a method returning int");
    }

    @Test
    void emptyJsonContainersBecomeEmptyCollectionsOptionalsAndArrays() throws Exception {
        assertThat(FallbackValues.convert(List.of(), "java.util.List", null)).isEqualTo(List.of());
        assertThat(FallbackValues.convert(Map.of(), "java.util.Map", null)).isEqualTo(Map.of());
        assertThat(FallbackValues.convert(null, "java.util.Optional", null)).isEqualTo(Optional.empty());
        assertThat((String[]) FallbackValues.convert(List.of(), "[Ljava.lang.String;", null)).isEmpty();
    }

    @Test
    void refusesWhatMightSurpriseTheCaller() {
        assertThatThrownBy(() -> FallbackValues.convert("7", "int", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FallbackValues.convert(List.of("a"), "java.util.List", null))
                .hasMessageContaining("a non-empty array");
        assertThatThrownBy(() -> FallbackValues.convert(true, "java.lang.String", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FallbackValues.convert("x", "void", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
