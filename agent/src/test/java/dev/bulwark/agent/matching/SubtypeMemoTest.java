package dev.bulwark.agent.matching;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

        assertThat(memo.mayMatch(header(CatalogClient.class), new ClassHeaders(loader))).isTrue();
        assertThat(memo.mayMatch(header(Client.class), new ClassHeaders(loader))).isTrue();
    }

    @Test
    void rulesOutATypeOutsideThePatternsHierarchy() {
        SubtypeMemo memo = memoOf(Client.class);

        assertThat(memo.mayMatch(header(Unrelated.class), new ClassHeaders(loader))).isFalse();
        assertThat(memo.mayMatch(header(String.class), new ClassHeaders(null))).isFalse();
    }

    @Test
    void agreesWithReflectionOnEveryType() {
        MethodPattern pattern = MethodPattern.parse(Client.class.getName().replace("Client", "*Client") + "#get(..)");
        SubtypeMemo memo = new SubtypeMemo(MethodMatchers.typeName(pattern));

        for (Class<?> type : List.of(Client.class, RetryingClient.class, BaseClient.class, CatalogClient.class,
                Unrelated.class, Object.class, String.class)) {
            assertThat(memo.matches(header(type), new ClassHeaders(type.getClassLoader()))).as(type.getName())
                    .isEqualTo(hasSupertypeNamed(type, MethodMatchers.typeName(pattern)));
        }
    }

    @Test
    void oneMemoForSeveralPatternsSaysWhatThePatternsOwnMemosSayTogether() {
        List<MethodPattern> patterns = List.of(MethodPattern.parse(BaseClient.class.getName() + "#get(..)"),
                MethodPattern.parse(Unrelated.class.getName().replace("Unrelated", "Unrel*") + "#get(..)"),
                MethodPattern.parse("java.lang.CharSequence#length()"));
        SubtypeMemo all = new SubtypeMemo(MethodMatchers.anyTypeName(patterns));

        for (Class<?> type : List.of(Client.class, RetryingClient.class, BaseClient.class, CatalogClient.class,
                Unrelated.class, Object.class, String.class, Integer.class)) {
            boolean anyPattern = patterns.stream().anyMatch(pattern -> Boolean.TRUE.equals(SubtypeMemo.of(pattern)
                    .matches(header(type), new ClassHeaders(type.getClassLoader()))));
            assertThat(all.matches(header(type), new ClassHeaders(type.getClassLoader()))).as(type.getName())
                    .isEqualTo(anyPattern);
        }
    }

    @Test
    void testsEachNameOnlyOncePerClassLoader() {
        SubtypeMemo memo = memoOf(Client.class);
        memo.mayMatch(header(BaseClient.class), new ClassHeaders(loader));
        namesTested.clear();

        assertThat(memo.mayMatch(header(CatalogClient.class), new ClassHeaders(loader))).isTrue();

        // Only the new class itself: BaseClient's answer was settled by the first call.
        assertThat(namesTested).containsExactly(CatalogClient.class.getName());
    }

    @Test
    void keepsTheAnswersOfEachClassLoaderApart() throws IOException {
        SubtypeMemo memo = memoOf(Client.class);
        memo.mayMatch(header(CatalogClient.class), new ClassHeaders(loader));
        namesTested.clear();

        try (URLClassLoader other = new URLClassLoader(new URL[0], loader)) {
            assertThat(memo.mayMatch(header(CatalogClient.class), new ClassHeaders(other))).isTrue();
        }

        assertThat(namesTested).contains(CatalogClient.class.getName(), BaseClient.class.getName());
    }

    @Test
    void leavesTheDecisionToTheExactMatcherWhenASupertypeCannotBeFound() {
        HidingLoader hiding = new HidingLoader(loader, BaseClient.class.getName());
        SubtypeMemo memo = memoOf(Unrelated.class);

        assertThat(memo.mayMatch(header(CatalogClient.class), new ClassHeaders(hiding))).isTrue();
        // Nothing half-known was remembered: once the supertype can be found, the class is ruled out.
        hiding.hidden.clear();
        assertThat(memo.mayMatch(header(CatalogClient.class), new ClassHeaders(hiding))).isFalse();
    }

    @Test
    void findsEachSupertypeOnceForOneClassWhateverThePatterns() {
        HidingLoader counting = new HidingLoader(loader);
        ClassHeaders headers = new ClassHeaders(counting);

        memoOf(Unrelated.class).mayMatch(header(CatalogClient.class), headers);
        memoOf(Runnable.class).mayMatch(header(CatalogClient.class), headers);
        memoOf(AutoCloseable.class).mayMatch(header(CatalogClient.class), headers);

        assertThat(counting.read).containsOnlyOnce(BaseClient.class.getName(), RetryingClient.class.getName(),
                Client.class.getName());
    }

    @Test
    void forAPatternWhoseTypeIsAClassLooksAtNoInterface() {
        HidingLoader counting = new HidingLoader(loader);
        SubtypeMemo memo = new SubtypeMemo(BaseClient.class.getName()::equals, BaseClient.class.getName());

        assertThat(memo.mayMatch(header(CatalogClient.class), new ClassHeaders(counting))).isTrue();
        assertThat(memo.mayMatch(header(Unrelated.class), new ClassHeaders(counting))).isFalse();
        assertThat(memo.mayMatch(header(RetryingClient.class), new ClassHeaders(counting))).isFalse();

        assertThat(counting.read).doesNotContain(RetryingClient.class.getName(), Client.class.getName(),
                Serializable.class.getName());
    }

    @Test
    void forAPatternWhoseTypeIsAClassAgreesWithReflectionOnEveryType() {
        MethodPattern pattern = MethodPattern.parse(BaseClient.class.getName() + "#get(..)");
        SubtypeMemo memo = SubtypeMemo.of(pattern);

        for (Class<?> type : List.of(Client.class, RetryingClient.class, BaseClient.class, CatalogClient.class,
                Unrelated.class, Object.class, String.class)) {
            assertThat(memo.matches(header(type), new ClassHeaders(type.getClassLoader()))).as(type.getName())
                    .isEqualTo(hasSupertypeNamed(type, MethodMatchers.typeName(pattern)));
        }
    }

    @Test
    void sharesTheAnswersAboutJdkNamesBetweenClassLoaders() throws IOException {
        SubtypeMemo memo = memoOf(Client.class);
        memo.mayMatch(header(Unrelated.class), new ClassHeaders(loader));
        namesTested.clear();

        try (URLClassLoader other = new URLClassLoader(new URL[0], loader)) {
            assertThat(memo.mayMatch(header(Unrelated.class), new ClassHeaders(other))).isFalse();
        }

        // Only java.* may be shared: no other loader can define those packages.
        assertThat(namesTested).containsExactly(Unrelated.class.getName());
    }

    private SubtypeMemo memoOf(Class<?> patternType) {
        Predicate<String> isPatternType = patternType.getName()::equals;
        return new SubtypeMemo(name -> {
            namesTested.add(name);
            return isPatternType.test(name);
        });
    }

    static ClassHeader header(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            return ClassHeader.read(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hides some classes, and notes which classes were loaded or read through it, by their binary names. */
    private static final class HidingLoader extends ClassLoader {
        final Set<String> hidden = new HashSet<>();
        final List<String> read = new ArrayList<>();

        HidingLoader(ClassLoader parent, String... hidden) {
            super(parent);
            this.hidden.addAll(List.of(hidden));
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            read.add(name);
            if (hidden.contains(name)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            String binaryName = name.replace('/', '.').replace(".class", "");
            read.add(binaryName);
            if (hidden.contains(binaryName)) {
                return null;
            }
            return super.getResourceAsStream(name);
        }
    }

    /** The reference: the type or any of its supertypes, found by reflection, has a name the pattern accepts. */
    private static boolean hasSupertypeNamed(Class<?> type, Predicate<String> name) {
        if (type == null) {
            return false;
        }
        if (name.test(type.getName()) || hasSupertypeNamed(type.getSuperclass(), name)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (hasSupertypeNamed(implemented, name)) {
                return true;
            }
        }
        return false;
    }
}
