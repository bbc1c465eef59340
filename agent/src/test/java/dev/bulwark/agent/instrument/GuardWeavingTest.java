package dev.bulwark.agent.instrument;

import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFileParser;
import dev.bulwark.agent.reload.ActivePolicies;
import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.rejection.CallRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Weaves {@code dev.bulwark.samples.Shapes} with real policies and runs it: the JVM verifies every woven method, since the class is
 * defined by an application class loader, and each method must behave as the policy says. Every method gets the
 * advice of the {@code all-shapes} policy, so those of the other policies get two layers.
 */
class GuardWeavingTest {
    // By name: the test's own loader must never load it.
    private static final String SHAPES = "dev.bulwark.samples.Shapes";

    @TempDir
    Path folder;
    private final List<String> problems = new ArrayList<>();
    private ActivePolicies policies;
    private AgentStatus status;
    private Class<?> woven;

    @BeforeEach
    void weaveShapes() throws Exception {
        Path file = folder.resolve("policies.json");
        Files.writeString(file, """
                { "version": 1, "policies": [
                  { "name": "all-shapes", "methods": ["%1$s#*(..)"],
                    "circuitBreaker": { "slidingWindowSize": 100, "minimumNumberOfCalls": 100 } },
                  { "name": "retried", "methods": ["%1$s#succeedsOnTheThirdAttempt(int)"],
                    "retry": { "maxAttempts": 3, "waitDuration": "0ms" } },
                  { "name": "falls-back", "methods": ["%1$s#alwaysFails()"], "fallback": { "value": true } },
                  { "name": "opens", "methods": ["%1$s#failsUntilOpen()"],
                    "circuitBreaker": { "slidingWindowSize": 1, "minimumNumberOfCalls": 1,
                                        "waitDurationInOpenState": "1h" } } ] }
                """.formatted(SHAPES));
        List<PolicyDefinition> definitions = new PolicyFileParser().parse(file).policies();
        PolicyInstrumentation unused = new PolicyInstrumentation(null);
        policies = new ActivePolicies(unused);
        policies.apply(definitions);
        status = new AgentStatus("test", file.toString(), List::of, List::of);
        AdviceWeaver weaver = new AdviceWeaver(null,
                new AdvicePlanner(() -> bindings(definitions), new InheritedImplementations(null), problems::add),
                new TransformationErrors(status), CallDispatcher.class.getModule());
        woven = new WeavingLoader(weaver).loadClass(SHAPES);
    }

    @AfterEach
    void removePolicies() {
        policies.apply(List.of());
    }

    @Test
    void theClassIsWovenAndEveryShapeOfMethodReturnsWhatItsBodyReturns() throws Exception {
        Object shapes = woven.getConstructor().newInstance();

        assertThat(call(shapes, "echo", "text")).isEqualTo("text");
        assertThat(call(shapes, "sum", 1L, 2.5, 3)).isEqualTo(6L);
        assertThat(call(null, "squares", 4)).isEqualTo(new int[] {0, 1, 4, 9});
        assertThat(call(shapes, "catchesItsOwnFailure", "abc")).isEqualTo("short");
        assertThat(call(shapes, "catchesItsOwnFailure", "abcdefg")).isEqualTo("fg");
        assertThat(call(shapes, "countsDown", 3)).isEqualTo(0);
        call(shapes, "count");
        assertThat(woven.getField("attempts").get(shapes)).isEqualTo(1);
        assertThat(status.getErrors()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aRetryRunsTheBodyAgainWithTheCallersArguments() throws Exception {
        Object shapes = woven.getConstructor().newInstance();

        assertThat(call(shapes, "succeedsOnTheThirdAttempt", 1)).isEqualTo(101);
        assertThat(woven.getField("attempts").get(shapes)).isEqualTo(3);
    }

    @Test
    void aFallbackValueReplacesAFailureOfAPrimitiveMethod() throws Exception {
        assertThat(call(woven.getConstructor().newInstance(), "alwaysFails")).isEqualTo(true);
    }

    @Test
    void anOpenBreakerRejectsTheCallWithoutRunningTheBody() throws Exception {
        Object shapes = woven.getConstructor().newInstance();

        assertThatThrownBy(() -> call(shapes, "failsUntilOpen")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> call(shapes, "failsUntilOpen")).isInstanceOf(CallRejectedException.class)
                .hasMessageContaining("'opens' rejected the call");
        assertThat(woven.getField("attempts").get(shapes)).isEqualTo(1);
    }

    private Object call(Object target, String name, Object... arguments) throws Exception {
        for (Method method : woven.getMethods()) {
            if (method.getName().equals(name)) {
                try {
                    return method.invoke(target, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** The bindings {@link PolicyInstrumentation#update} would make for these policies. */
    private static List<PatternBinding> bindings(List<PolicyDefinition> definitions) {
        List<PatternBinding> bindings = new ArrayList<>();
        for (PolicyDefinition policy : definitions) {
            policy.methods().forEach(pattern -> {
                PatternBinding binding = new PatternBinding(policy.name(), GuardRegistry.slotOf(policy.name()),
                        pattern, false, policy.retry() != null);
                binding.fallback(policy.fallback());
                bindings.add(binding);
            });
        }
        return bindings;
    }

    /** Defines {@code Shapes} itself, as the weaver rewrote it; leaves every other class to its parent. */
    private static final class WeavingLoader extends ClassLoader {
        private final AdviceWeaver weaver;

        WeavingLoader(AdviceWeaver weaver) {
            super(GuardWeavingTest.class.getClassLoader());
            this.weaver = weaver;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(SHAPES)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                byte[] original = classFile(name);
                byte[] rewritten = weaver.transform(null, this, name.replace('.', '/'), null, null, original);
                assertThat(rewritten).as("woven").isNotNull();
                return defineClass(name, rewritten, 0, rewritten.length);
            }
        }

        private static byte[] classFile(String name) {
            try (InputStream in = GuardWeavingTest.class.getResourceAsStream(
                    "/" + name.replace('.', '/') + ".class")) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
