package dev.bulwark.agent.matching;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodPatternTest {

    interface Client {
        String get(String key) throws IOException;
    }

    abstract static class AbstractClient implements Client {
        public abstract String getAll();
    }

    static final class CatalogClient extends AbstractClient {
        @Override
        public String get(String key) {
            return key;
        }

        @Override
        public String getAll() {
            return "";
        }

        public String getBytes(byte[] raw, int count) {
            return "";
        }

        public void put(String key) {
        }
    }

    @Test
    void parsesTypeMethodAndParameters() {
        MethodPattern pattern = MethodPattern.parse("com.acme.*Client#get*(java.lang.String, int, byte[])");

        assertThat(pattern.typeName()).isEqualTo("com.acme.*Client");
        assertThat(pattern.methodName()).isEqualTo("get*");
        assertThat(pattern.parameterTypes()).contains(List.of("java.lang.String", "int", "byte[]"));
        assertThat(MethodPattern.parse("a.B#c(..)").parameterTypes()).isEqualTo(Optional.empty());
        assertThat(MethodPattern.parse("a.B#c()").parameterTypes()).contains(List.of());
    }

    @Test
    void rejectsMalformedPatternsSayingWhatIsAllowed() {
        assertThatThrownBy(() -> MethodPattern.parse("a.B.c()")).hasMessageContaining("TYPE#METHOD(PARAMS)");
        assertThatThrownBy(() -> MethodPattern.parse("a..B#c()")).hasMessageContaining("not a fully qualified type");
        assertThatThrownBy(() -> MethodPattern.parse("a.B#c-d()")).hasMessageContaining("not a method name");
        assertThatThrownBy(() -> MethodPattern.parse("a.B#c(java.lang.String x)"))
                .hasMessageContaining("parameter \"java.lang.String x\"");
    }

    @Test
    void typeMatchesItselfAndEverySubtypeAndImplementation() {
        MethodPattern pattern = MethodPattern.parse(Client.class.getName() + "#get(..)");

        assertThat(matchesType(pattern, CatalogClient.class)).isTrue();
        assertThat(matchesType(pattern, Client.class)).isTrue();
        assertThat(matchesType(pattern, String.class)).isFalse();
    }

    @Test
    void nestedTypesAreWrittenWithDollar() {
        assertThat(Client.class.getName()).contains("$");
        MethodPattern pattern = MethodPattern.parse("dev.bulwark.agent.matching.MethodPatternTest$*Client#get(..)");

        assertThat(matchesType(pattern, CatalogClient.class)).isTrue();
    }

    @Test
    void methodsMatchByWildcardNameAndParameterTypesButNeverAbstractOnes() {
        MethodPattern anyGetter = MethodPattern.parse("x.Y#get*(..)");
        MethodPattern bytes = MethodPattern.parse("x.Y#get*(byte[], int)");
        MethodPattern noParameters = MethodPattern.parse("x.Y#get*()");

        assertThat(methodsOf(CatalogClient.class, anyGetter)).containsExactlyInAnyOrder("get", "getAll", "getBytes");
        assertThat(methodsOf(CatalogClient.class, bytes)).containsExactly("getBytes");
        assertThat(methodsOf(CatalogClient.class, noParameters)).containsExactly("getAll");
        assertThat(methodsOf(Client.class, anyGetter)).isEmpty();
        assertThat(methodsOf(AbstractClient.class, anyGetter)).isEmpty();
    }

    private static List<String> methodsOf(Class<?> type, MethodPattern pattern) {
        return outline(type).methods().stream().filter(MethodMatchers.methods(pattern))
                .map(MethodOutline::name)
                .toList();
    }

    private static boolean matchesType(MethodPattern pattern, Class<?> type) {
        return Boolean.TRUE.equals(SubtypeMemo.of(pattern).matches(ClassHeader.of(type),
                new ClassHeaders(type.getClassLoader())));
    }

    private static ClassOutline outline(Class<?> type) {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return ClassOutline.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
