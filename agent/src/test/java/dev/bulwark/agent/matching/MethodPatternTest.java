package dev.bulwark.agent.matching;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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

        assertThat(MethodMatchers.types(pattern).matches(type(CatalogClient.class))).isTrue();
        assertThat(MethodMatchers.types(pattern).matches(type(Client.class))).isTrue();
        assertThat(MethodMatchers.types(pattern).matches(type(String.class))).isFalse();
    }

    @Test
    void nestedTypesAreWrittenWithDollar() {
        assertThat(Client.class.getName()).contains("$");
        MethodPattern pattern = MethodPattern.parse("dev.bulwark.agent.matching.MethodPatternTest$*Client#get(..)");

        assertThat(MethodMatchers.types(pattern).matches(type(CatalogClient.class))).isTrue();
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
        return type(type).getDeclaredMethods().filter(MethodMatchers.methods(pattern)).stream()
                .map(MethodDescription::getName)
                .toList();
    }

    private static TypeDescription type(Class<?> type) {
        return TypeDescription.ForLoadedType.of(type);
    }
}
