package dev.bulwark.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.commons.AnalyzerAdapter;

import java.util.List;

/**
 * The operand stack of a method's own code as it streams through, followed by ASM's {@link AnalyzerAdapter}: at a
 * return, the values the code left below the result, which must go before the advice's exit can take over.
 */
final class OperandStack {
    private AnalyzerAdapter analyzer;

    /** @return the visitor that follows the stack of the code it hands on to {@code next} */
    MethodVisitor track(String owner, int access, String name, String descriptor, MethodVisitor next) {
        analyzer = new AnalyzerAdapter(owner, access, name, descriptor, next);
        return analyzer;
    }

    /**
     * @return the stack's frame types before the instruction being visited, bottom first, a long or double taking
     *         two entries (the second {@code TOP}); {@code null} when unknown, as after an unconditional jump in a
     *         class file without stack map frames
     */
    List<Object> current() {
        return analyzer == null ? null : analyzer.stack;
    }
}
