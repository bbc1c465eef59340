package dev.bulwark.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a class file so that the methods named in a plan run inside their guards' advice, with ASM alone. Only
 * method bodies change, never the class's shape, so this serves retransformation too.
 *
 * <p>ByteBuddy's {@code Advice} did this before. Its first use in a JVM loaded about 700 classes and took a few
 * hundred milliseconds of the thread loading the first advised class, most of Bulwark's cost at start-up; the
 * few shapes of Bulwark's advice need none of its generality.
 */
final class GuardWeaving {

    private GuardWeaving() {
    }

    /**
     * @param classFile the class file to rewrite
     * @param plan the advice of each method to advise, by name and descriptor ({@code name + descriptor}); a method
     *             with several is wrapped in the first innermost
     * @return the rewritten class file
     */
    static byte[] weave(byte[] classFile, Map<String, List<MethodAdvice>> plan) {
        ClassReader reader = new ClassReader(classFile);
        Map<String, Integer> maxLocals = maxLocals(reader, plan);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;
            private boolean writesFrames;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                owner = name;
                writesFrames = (version & 0xFFFF) >= Opcodes.V1_6;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                List<MethodAdvice> advice = plan.get(name + descriptor);
                Integer bodyLocals = maxLocals.get(name + descriptor);
                if (advice == null || bodyLocals == null) {
                    return next;
                }
                // Each layer wraps the code of the one before it, whose locals it must leave alone.
                int added = GuardMethodVisitor.slotsAdded(access, descriptor);
                MethodVisitor chain = next;
                for (int layer = advice.size() - 1; layer > 0; layer--) {
                    chain = new GuardMethodVisitor(chain, owner, access, descriptor, advice.get(layer),
                            bodyLocals + layer * added, writesFrames, null);
                }
                // Only the innermost layer sees the method's own returns, which may leave values on the stack.
                OperandStack stack = new OperandStack();
                GuardMethodVisitor innermost = new GuardMethodVisitor(chain, owner, access, descriptor,
                        advice.get(0), bodyLocals, writesFrames, stack);
                return stack.track(owner, access, name, descriptor, innermost);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** The locals each planned method's body uses, which the advice's come after. */
    private static Map<String, Integer> maxLocals(ClassReader reader, Map<String, List<MethodAdvice>> plan) {
        Map<String, Integer> maxLocals = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                String key = name + descriptor;
                if (!plan.containsKey(key)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals.put(key, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return maxLocals;
    }
}
