package dev.bulwark.agent.matching;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class SubtypeMemoTest {

    interface Client {
    }

    interface RetryingClient extends Client {
    }

    abstract static class BaseClient implements RetryingClient, Serializable {
    }

    static final class CatalogClient extends BaseClient {
    }

    static final class Unrelated implements Serializable {
    }

    private final List<String> namesTested = new ArrayList<>();
    private final ClassLoader loader = SubtypeMemoTest.class.getClassLoader();

    @Test
    void findsThePatternTypeThroughAnInterfaceOfASuperclass() {
        SubtypeMemo memo = memoOf(Client.class);

        assertThat(memo.mayMatch(type(CatalogClient.class), loader)).isTrue();
        assertThat(memo.mayMatch(type(Client.class), loader)).isTrue();
    }

    @Test
    void rulesOutATypeOutsideThePatternsHierarchy() {
        SubtypeMemo memo = memoOf(Client.class);

        assertThat(memo.mayMatch(type(Unrelated.class), loader)).isFalse();
        assertThat(memo.mayMatch(type(String.class), null)).isFalse();
    }

    @Test
    void agreesWithTheExactMatcherOnEveryType() {
        MethodPattern pattern = MethodPattern.parse(Client.class.getName().replace("Client", "*Client") + "#get(..)");
        SubtypeMemo memo = new SubtypeMemo(MethodMatchers.typeName(pattern));

        for (Class<?> type : List.of(Client.class, RetryingClient.class, BaseClient.class, CatalogClient.class,
                Unrelated.class, Object.class, String.class)) {
            assertThat(memo.mayMatch(type(type), loader)).as(type.getName())
                    .isEqualTo(MethodMatchers.types(pattern).matches(type(type)));
        }
    }

    @Test
    void testsEachNameOnlyOncePerClassLoader() {
        SubtypeMemo memo = memoOf(Client.class);
        memo.mayMatch(type(BaseClient.class), loader);
        namesTested.clear();

        assertThat(memo.mayMatch(type(CatalogClient.class), loader)).isTrue();

        // Only the new class itself: BaseClient's answer was settled by the first call.
        assertThat(namesTested).containsExactly(CatalogClient.class.getName());
    }

    @Test
    void keepsTheAnswersOfEachClassLoaderApart() throws IOException {
        SubtypeMemo memo = memoOf(Client.class);
        memo.mayMatch(type(CatalogClient.class), loader);
        namesTested.clear();

        try (URLClassLoader other = new URLClassLoader(new URL[0], loader)) {
            assertThat(memo.mayMatch(type(CatalogClient.class), other)).isTrue();
        }

        assertThat(namesTested).contains(CatalogClient.class.getName(), BaseClient.class.getName());
    }

    @Test
    void leavesTheDecisionToTheExactMatcherWhenASupertypeCannotBeRead() {
        // A pool that holds CatalogClient's class file but none of its supertypes'.
        TypePool pool = TypePool.Default.WithLazyResolution.of(
                ClassFileLocator.Simple.of(CatalogClient.class.getName(),
                        ClassFileLocator.ForClassLoader.read(CatalogClient.class)));
        TypeDescription unreadableParents = pool.describe(CatalogClient.class.getName()).resolve();
        SubtypeMemo memo = memoOf(Unrelated.class);

        assertThat(memo.mayMatch(unreadableParents, loader)).isTrue();
        // Nothing half-known was remembered: a readable description is still ruled out.
        assertThat(memo.mayMatch(type(CatalogClient.class), loader)).isFalse();
    }

    private SubtypeMemo memoOf(Class<?> patternType) {
        Predicate<String> isPatternType = patternType.getName()::equals;
        return new SubtypeMemo(name -> {
            namesTested.add(name);
            return isPatternType.test(name);
        });
    }

    private static TypeDescription type(Class<?> type) {
        return TypeDescription.ForLoadedType.of(type);
    }
}
