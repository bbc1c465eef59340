package dev.bulwark.agent.matching;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PerClassLoaderTest {
    private final AtomicInteger made = new AtomicInteger();
    private final PerClassLoader<Integer> values = new PerClassLoader<>(made::incrementAndGet);

    @Test
    void makesOneValuePerLoaderOnFirstUse() throws IOException {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        try (URLClassLoader other = new URLClassLoader(new URL[0])) {
            int first = values.get(system);

            assertThat(values.get(system)).isEqualTo(first);
            assertThat(values.get(other)).isNotEqualTo(first);
            assertThat(values.loaderCount()).isEqualTo(2);
        }
    }

    @Test
    void theBootLoaderHasItsOwnValue() {
        assertThat(values.get(null)).isEqualTo(values.get(null)).isNotEqualTo(values.get(getClass().getClassLoader()));
        assertThat(values.loaderCount()).isEqualTo(1);
    }
}
