package dev.bulwark.benchmarks;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The floor of the start-up benchmark: an agent that registers one class file transformer, able to retransform as
 * Bulwark's is, which changes nothing. What it costs, the JVM charges any agent that transforms classes as they
 * load: for every class, a call from the JVM into Java with a copy of its class file. {@code benchmarks/startup.sh}
 * compiles this file alone into a jar of its own.
 */
public final class NoOpTransformerAgent {

    private NoOpTransformerAgent() {
    }

    /**
     * @param arguments unused
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new NoOpTransformer(), true);
    }

    private static final class NoOpTransformer implements ClassFileTransformer {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classFile) {
            return null;
        }
    }
}
