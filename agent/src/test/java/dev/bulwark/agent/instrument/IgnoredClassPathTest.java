package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeaders;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code the header filter runs for a class the ignore list rules out must link no lambda and no string
 * concatenation. The JDK's method-handle machinery loads classes of {@code java.lang.invoke} while it links one;
 * the filter sees those classes load, and linking again inside their transformation fails with a
 * {@code ClassCircularityError} that the JVM then repeats for every lambda of the application. It happened.
 */
class IgnoredClassPathTest {

    @Test
    void theFiltersPathForAnIgnoredClassLinksNothing() throws IOException {
        List<String> linking = new ArrayList<>();
        linking.addAll(invokeDynamicsIn(HeaderPrefilter.class, Set.of("transform", "mayBeAdvised")));
        linking.addAll(invokeDynamicsIn(IgnoredTypes.class, Set.of("isIgnored")));
        linking.addAll(invokeDynamicsIn(ClassHeaders.class, Set.of("isReadingOnThisThread")));
        linking.addAll(invokeDynamicsIn(WeavingThread.class, Set.of("isWeaving")));

        assertThat(linking).as("invokedynamic on the path of an ignored class").isEmpty();
    }

    private static List<String> invokeDynamicsIn(Class<?> type, Set<String> methods) throws IOException {
        List<String> found = new ArrayList<>();
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if (!methods.contains(name)) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitInvokeDynamicInsn(String callSite, String callDescriptor, Handle bootstrap,
                                                           Object... arguments) {
                            found.add(type.getSimpleName() + "." + name + descriptor + " links " + bootstrap.getOwner());
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        return found;
    }
}
