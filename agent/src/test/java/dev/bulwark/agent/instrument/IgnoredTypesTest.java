package dev.bulwark.agent.instrument;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IgnoredTypesTest {
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
    void judgesTheNamesTheJvmHandsATransformerAlike() {
        assertThat(IgnoredTypes.isIgnoredInternalName("java/util/concurrent/atomic/AtomicLong")).isTrue();
        assertThat(IgnoredTypes.isIgnoredInternalName("dev/bulwark/runtime/dispatch/CallDispatcher")).isTrue();
        assertThat(IgnoredTypes.isIgnoredInternalName("jdk/internal/net/http/HttpClientImpl")).isFalse();
        assertThat(IgnoredTypes.isIgnoredInternalName("com/example/inventory/InventoryService")).isFalse();
    }
}
