package dev.bulwark.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IgnoredTypesTest {
    // A pool that has no class file at all: describing works by name, anything more fails.
    private final TypePool unreadable = TypePool.Default.WithLazyResolution.of(ClassFileLocator.NoOp.INSTANCE);

    @Test
    void ignoresBulwarkAndTheJdkClassesItRunsOn() {
        assertThat(IgnoredTypes.isIgnored("dev.bulwark.runtime.dispatch.CallDispatcher")).isTrue();
        assertThat(IgnoredTypes.isIgnored("java.util.concurrent.atomic.AtomicLong")).isTrue();
        assertThat(IgnoredTypes.isIgnored("jdk.internal.misc.Unsafe")).isTrue();
    }

    @Test
    void keepsTheJdkHttpClientAndJdbcAdvisable() {
        assertThat(IgnoredTypes.isIgnored("jdk.internal.net.http.HttpClientImpl")).isFalse();
        assertThat(IgnoredTypes.isIgnored("java.sql.DriverManager")).isFalse();
        assertThat(IgnoredTypes.isIgnored("com.example.inventory.InventoryService")).isFalse();
    }

    @Test
    void theByNameCheckReadsNothingOfTheClassFile() {
        TypeDescription application = unreadable.describe("com.example.inventory.InventoryService").resolve();
        TypeDescription jdk = unreadable.describe("java.util.ArrayList").resolve();

        assertThat(IgnoredTypes.BY_NAME.matches(application)).isFalse();
        assertThat(IgnoredTypes.BY_NAME.matches(jdk)).isTrue();
        // The full check reads the modifiers, which needs the class file.
        assertThatThrownBy(() -> IgnoredTypes.MATCHER.matches(application)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void syntheticTypesAreNeverAdvised() {
        TypeDescription synthetic = new TypeDescription.Latent("com.example.Generated",
                java.lang.reflect.Modifier.PUBLIC | 0x1000, TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(
                        Object.class));

        assertThat(IgnoredTypes.isSynthetic(synthetic)).isTrue();
        assertThat(IgnoredTypes.MATCHER.matches(synthetic)).isTrue();
        assertThat(IgnoredTypes.BY_NAME.matches(synthetic)).isFalse();
    }
}
