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
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    /** Made by {@link #leavesValuesBelowItsResult()}: bytecode javac does not write, but optimisers may. */
    private static final String UNTIDY = "dev.bulwark.samples.Untidy";

    @TempDir
    Path folder;
    private final List<String> problems = new ArrayList<>();
    private ActivePolicies policies;
    private AgentStatus status;
    private Class<?> woven;
    private WeavingLoader loader;

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
                                        "waitDurationInOpenState": "1h" } },
                  { "name": "untidy", "methods": ["%2$s#*(..)"], "circuitBreaker": {} } ] }
                """.formatted(SHAPES, UNTIDY));
        List<PolicyDefinition> definitions = new PolicyFileParser().parse(file).policies();
        PolicyInstrumentation notInstalled = new PolicyInstrumentation(null);
        policies = new ActivePolicies(notInstalled);
        policies.apply(definitions);
        status = new AgentStatus("test", file.toString(), List::of, List::of);
        AdviceWeaver weaver = new AdviceWeaver(null,
                new AdvicePlanner(() -> bindings(definitions), new InheritedImplementations(null), problems::add),
                new TransformationErrors(status), CallDispatcher.class.getModule());
        loader = new WeavingLoader(weaver, Map.of(SHAPES, classFile(SHAPES), UNTIDY, untidyClassFile()));
        woven = loader.loadClass(SHAPES);
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

    @Test
    void aReturnThatLeavesValuesBelowItsResultIsWovenIntoCodeTheJvmAccepts() throws Exception {
        Class<?> untidy = loader.loadClass(UNTIDY);

        assertThat(untidy.getMethod("five").invoke(null)).isEqualTo(5);
        assertThat(status.getErrors()).isEmpty();
    }

    /** {@code static int five()}: pushes an int and a long that it leaves on the stack, then returns 5. */
    private static byte[] untidyClassFile() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, UNTIDY.replace('.', '/'), null, "java/lang/Object", null);
        MethodVisitor five = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "five", "()I", null, null);
        five.visitCode();
        five.visitInsn(Opcodes.ICONST_1);
        five.visitInsn(Opcodes.LCONST_1);
        five.visitInsn(Opcodes.ICONST_5);
        five.visitInsn(Opcodes.IRETURN);
        five.visitMaxs(0, 0);
        five.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
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

    private static byte[] classFile(String name) {
        try (InputStream in = GuardWeavingTest.class.getResourceAsStream(
                "/" + name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bindings {@link PolicyInstrumentation#update} would make for these policies. */
    private static List<PatternBinding> bindings(List<PolicyDefinition> definitions) {
        List<PatternBinding> bindings = new ArrayList<>();
        for (PolicyDefinition policy : definitions) {
            policy.methods().forEach(pattern -> {
                PatternBinding binding = new PatternBinding(policy.name(), GuardRegistry.slotOf(policy.name()),
                        pattern, false, policy.retry() != null);
                binding.fallback(policy.fallback(), problem -> {
                    throw new AssertionError(problem);
                });
                bindings.add(binding);
            });
        }
        return bindings;
    }

    /** Defines the sample classes itself, as the weaver rewrote them; leaves every other class to its parent. */
    private static final class WeavingLoader extends ClassLoader {
        private final AdviceWeaver weaver;
        private final Map<String, byte[]> classFiles;

        WeavingLoader(AdviceWeaver weaver, Map<String, byte[]> classFiles) {
            super(GuardWeavingTest.class.getClassLoader());
            this.weaver = weaver;
            this.classFiles = classFiles;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!classFiles.containsKey(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                byte[] original = classFiles.get(name);
                byte[] rewritten = weaver.transform(null, this, name.replace('.', '/'), null, null, original);
                assertThat(rewritten).as("woven").isNotNull();
                return defineClass(name, rewritten, 0, rewritten.length);
            }
        }
    }
}
