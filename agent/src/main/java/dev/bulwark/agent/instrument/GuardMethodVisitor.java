package dev.bulwark.agent.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wraps one method's body in one guard's advice, by rewriting its code as it streams through: the class keeps its
 * shape, so a loaded class can be retransformed. In Java terms, the method becomes:
 *
 * <pre>{@code
 * Object token;
 * try { token = CallDispatcher.enter(slot); } catch (Throwable fault) { token = null; }
 * if (!(token instanceof Rejection)) {
 *   repeat:
 *   try { returned = <the original body>; } catch (Throwable failure) { thrown = failure; }
 * }
 * try {
 *   if (token != null) {
 *     Object result = returned;  // for a primitive: needsResult(token, site) ? box(returned) : null
 *     Object verdict = CallDispatcher.exit(token, result, thrown, site);
 *     if (verdict == Verdicts.REPEAT) { <restore the arguments>; goto repeat; }
 *     if (verdict instanceof Throwable) thrown = verdict;
 *     else if (verdict instanceof ReplacedResult) { returned = verdict.value(); thrown = null; }
 *   }
 * } catch (Throwable fault) { }
 * if (thrown != null) throw thrown;
 * return returned;
 * }</pre>
 *
 * <p>A fault in Bulwark's own calls is dropped there, so it never reaches the application: the call proceeds
 * unguarded, or ends as the body ended. The runtime logs its faults itself. A replaced result that does not fit
 * the return type fails its cast before the failure is cleared, so the failure stands.
 *
 * <p>The locals it adds come after the body's, and every stack map frame of the body is extended with them. The
 * arguments are copied before the body runs and put back before it runs again, so that a retry sees the arguments
 * of the call even where the body assigned its parameters.
 */
final class GuardMethodVisitor extends MethodVisitor {
    private static final String DISPATCHER = "dev/bulwark/runtime/dispatch/CallDispatcher";
    private static final String REJECTION = "dev/bulwark/runtime/guard/Rejection";
    private static final String VERDICTS = "dev/bulwark/runtime/guard/Verdicts";
    private static final String REPLACED_RESULT = "dev/bulwark/runtime/guard/ReplacedResult";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String OBJECT = "java/lang/Object";
    private static final String OBJECT_DESCRIPTOR = "Ljava/lang/Object;";
    /** The most the added code pushes: building the arguments array with a long or double. */
    private static final int STACK_NEEDED = 6;

    private final MethodAdvice advice;
    private final OperandStack operandStack;
    private final Type returnType;
    private final boolean writesFrames;
    /** The frame types of the receiver (for an instance method) and the parameters, in order. */
    private final List<Object> arguments;
    /** The types of the receiver (for an instance method) and the parameters, in order. */
    private final List<Type> argumentTypes;
    /** 1 for an instance method, whose receiver is in slot 0; 0 for a static one. */
    private final int receiverCount;
    private final int firstFree;
    private final int tokenSlot;
    private final int backupSlot;
    private final int returnedSlot;
    private final int thrownSlot;
    private final int resultSlot;
    private final int verdictSlot;
    private final Label enterStart = new Label();
    private final Label enterEnd = new Label();
    private final Label enterHandler = new Label();
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label bodyHandler = new Label();
    private final Label exit = new Label();
    private final Label exitEnd = new Label();
    private final Label exitHandler = new Label();
    private final Label done = new Label();

    /**
     * @param next where the rewritten method goes
     * @param owner the internal name of the class declaring the method
     * @param access the method's access flags
     * @param descriptor the method's descriptor
     * @param advice what the guard's advice passes the runtime
     * @param firstFree the first local slot the code it wraps does not use
     * @param writesFrames whether the class file has stack map frames (version 50 and later)
     * @param operandStack the stack of the code this wraps, for the method's own returns; {@code null} when that
     *                     code is another layer's, whose returns leave nothing else on the stack
     */
    GuardMethodVisitor(MethodVisitor next, String owner, int access, String descriptor, MethodAdvice advice,
                       int firstFree, boolean writesFrames, OperandStack operandStack) {
        super(Opcodes.ASM9, next);
        this.advice = advice;
        this.operandStack = operandStack;
        this.returnType = Type.getReturnType(descriptor);
        this.writesFrames = writesFrames;
        this.firstFree = firstFree;
        this.arguments = new ArrayList<>();
        this.argumentTypes = new ArrayList<>();
        this.receiverCount = (access & Opcodes.ACC_STATIC) == 0 ? 1 : 0;
        if (receiverCount == 1) {
            arguments.add(owner);
            argumentTypes.add(Type.getObjectType(owner));
        }
        for (Type parameter : Type.getArgumentTypes(descriptor)) {
            arguments.add(ValueInstructions.frameType(parameter));
            argumentTypes.add(parameter);
        }
        this.tokenSlot = firstFree;
        this.backupSlot = tokenSlot + 1;
        this.returnedSlot = backupSlot + argumentsSize(argumentTypes);
        this.thrownSlot = returnedSlot + returnType.getSize();
        this.resultSlot = thrownSlot + 1;
        this.verdictSlot = resultSlot + 1;
    }

    /** @return how many local slots the advice adds to a method of that descriptor */
    static int slotsAdded(int access, String descriptor) {
        int argumentsAndReceiver = Type.getArgumentsAndReturnSizes(descriptor) >> 2;
        int arguments = (access & Opcodes.ACC_STATIC) != 0 ? argumentsAndReceiver - 1 : argumentsAndReceiver;
        // The token, the copied arguments, the result, the failure, the boxed result and the verdict.
        return 1 + arguments + Type.getReturnType(descriptor).getSize() + 3;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        copyArguments(0, backupSlot);
        super.visitLabel(enterStart);
        ValueInstructions.push(mv, advice.slot());
        switch (advice.enter()) {
            case PLAIN -> invokeDispatcher("enter", "(I)Ljava/lang/Object;");
            case WITH_ARGUMENTS -> {
                pushArgumentsArray();
                invokeDispatcher("enterWithArguments", "(I[Ljava/lang/Object;)Ljava/lang/Object;");
            }
            case IF_RECEIVER_IS -> {
                ValueInstructions.push(mv, advice.receiverTypeId());
                super.visitVarInsn(Opcodes.ALOAD, 0);
                invokeDispatcher("enterIfReceiverIs", "(IILjava/lang/Object;)Ljava/lang/Object;");
            }
        }
        super.visitVarInsn(Opcodes.ASTORE, tokenSlot);
        super.visitLabel(enterEnd);
        Label entered = new Label();
        super.visitJumpInsn(Opcodes.GOTO, entered);

        super.visitLabel(enterHandler);
        frame(locals(arguments, false, false, false, false), THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, tokenSlot);

        super.visitLabel(entered);
        frame(locals(arguments, true, false, false, false), null);
        super.visitVarInsn(Opcodes.ALOAD, tokenSlot);
        super.visitTypeInsn(Opcodes.INSTANCEOF, REJECTION);
        super.visitJumpInsn(Opcodes.IFEQ, bodyStart);
        skipBody();

        super.visitLabel(bodyStart);
        frame(locals(arguments, true, false, false, false), null);
        // Keeps the body's own first frame, should it have one, at an offset apart from this one.
        super.visitInsn(Opcodes.NOP);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        // The class is read with expanded frames, so every frame here lists all its locals.
        Object[] extended = locals(Arrays.asList(local).subList(0, numLocal), true, false, false, false);
        super.visitFrame(Opcodes.F_NEW, extended.length, extended, numStack, stack);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            List<Object> below = valuesBelowResult();
            if (returnType.getSort() != Type.VOID) {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnedSlot);
            }
            popAll(below);
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
            super.visitJumpInsn(Opcodes.GOTO, exit);
        } else {
            super.visitInsn(opcode);
        }
    }

    /**
     * A return may leave values below its result, which the JVM discards; the exit is reached by a jump, whose
     * target's frame has an empty stack. javac never leaves any, but optimisers of bytecode may.
     */
    private List<Object> valuesBelowResult() {
        List<Object> stack = operandStack == null ? null : operandStack.current();
        int result = returnType.getSize();
        return stack == null || stack.size() <= result ? List.of()
                : new ArrayList<>(stack.subList(0, stack.size() - result));
    }

    private void popAll(List<Object> values) {
        for (int top = values.size() - 1; top >= 0; ) {
            Object value = values.get(top);
            boolean wide = value == Opcodes.TOP && top > 0
                    && (values.get(top - 1) == Opcodes.LONG || values.get(top - 1) == Opcodes.DOUBLE);
            super.visitInsn(wide ? Opcodes.POP2 : Opcodes.POP);
            top -= wide ? 2 : 1;
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitLabel(bodyEnd);
        super.visitLabel(bodyHandler);
        frame(locals(List.of(), true, false, false, false), THROWABLE);
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        if (returnType.getSort() != Type.VOID) {
            ValueInstructions.pushDefault(mv, returnType);
            super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnedSlot);
        }

        super.visitLabel(exit);
        Object[] exitLocals = locals(List.of(), true, true, false, false);
        frame(exitLocals, null);
        super.visitVarInsn(Opcodes.ALOAD, tokenSlot);
        super.visitJumpInsn(Opcodes.IFNULL, done);
        storeResult();
        super.visitVarInsn(Opcodes.ALOAD, tokenSlot);
        super.visitVarInsn(Opcodes.ALOAD, resultSlot);
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        ValueInstructions.push(mv, advice.site());
        invokeDispatcher("exit", "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;I)Ljava/lang/Object;");
        super.visitVarInsn(Opcodes.ASTORE, verdictSlot);
        super.visitVarInsn(Opcodes.ALOAD, verdictSlot);
        super.visitJumpInsn(Opcodes.IFNULL, done);

        Label notRepeat = new Label();
        super.visitVarInsn(Opcodes.ALOAD, verdictSlot);
        super.visitFieldInsn(Opcodes.GETSTATIC, VERDICTS, "REPEAT", OBJECT_DESCRIPTOR);
        super.visitJumpInsn(Opcodes.IF_ACMPNE, notRepeat);
        copyArguments(backupSlot, 0);
        super.visitJumpInsn(Opcodes.GOTO, bodyStart);

        Label notThrowable = new Label();
        super.visitLabel(notRepeat);
        Object[] verdictLocals = locals(List.of(), true, true, true, true);
        frame(verdictLocals, null);
        super.visitVarInsn(Opcodes.ALOAD, verdictSlot);
        super.visitTypeInsn(Opcodes.INSTANCEOF, THROWABLE);
        super.visitJumpInsn(Opcodes.IFEQ, notThrowable);
        super.visitVarInsn(Opcodes.ALOAD, verdictSlot);
        super.visitTypeInsn(Opcodes.CHECKCAST, THROWABLE);
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        super.visitJumpInsn(Opcodes.GOTO, done);

        super.visitLabel(notThrowable);
        frame(verdictLocals, null);
        super.visitVarInsn(Opcodes.ALOAD, verdictSlot);
        super.visitTypeInsn(Opcodes.INSTANCEOF, REPLACED_RESULT);
        super.visitJumpInsn(Opcodes.IFEQ, done);
        if (returnType.getSort() != Type.VOID) {
            super.visitVarInsn(Opcodes.ALOAD, verdictSlot);
            super.visitTypeInsn(Opcodes.CHECKCAST, REPLACED_RESULT);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, REPLACED_RESULT, "value", "()" + OBJECT_DESCRIPTOR, false);
            ValueInstructions.unbox(mv, returnType);
            super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnedSlot);
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        super.visitLabel(exitEnd);
        super.visitJumpInsn(Opcodes.GOTO, done);

        super.visitLabel(exitHandler);
        frame(exitLocals, THROWABLE);
        super.visitInsn(Opcodes.POP);

        super.visitLabel(done);
        frame(exitLocals, null);
        Label returning = new Label();
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitJumpInsn(Opcodes.IFNULL, returning);
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitInsn(Opcodes.ATHROW);
        super.visitLabel(returning);
        frame(exitLocals, null);
        if (returnType.getSort() != Type.VOID) {
            super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnedSlot);
        }
        super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));

        // After the body's own handlers, so that those still catch first what the body catches.
        super.visitTryCatchBlock(enterStart, enterEnd, enterHandler, THROWABLE);
        super.visitTryCatchBlock(bodyStart, bodyEnd, bodyHandler, THROWABLE);
        super.visitTryCatchBlock(exit, exitEnd, exitHandler, THROWABLE);
        super.visitMaxs(Math.max(maxStack, STACK_NEEDED), verdictSlot + 1);
    }

    /** Leaves a rejected call before its body: no result yet and no failure, for the exit to decide. */
    private void skipBody() {
        if (returnType.getSort() != Type.VOID) {
            ValueInstructions.pushDefault(mv, returnType);
            super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnedSlot);
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        super.visitJumpInsn(Opcodes.GOTO, exit);
    }

    /**
     * The result: a reference always, which costs nothing and lets the guard release a resource it keeps from the
     * caller (a connection returned past its deadline); a primitive boxed only when the policy classifies results,
     * since boxing costs an allocation.
     */
    private void storeResult() {
        if (returnType.getSort() == Type.OBJECT || returnType.getSort() == Type.ARRAY) {
            super.visitVarInsn(Opcodes.ALOAD, returnedSlot);
            super.visitVarInsn(Opcodes.ASTORE, resultSlot);
            return;
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, resultSlot);
        if (returnType.getSort() == Type.VOID) {
            return;
        }
        Label resultKnown = new Label();
        super.visitVarInsn(Opcodes.ALOAD, tokenSlot);
        ValueInstructions.push(mv, advice.site());
        invokeDispatcher("needsResult", "(Ljava/lang/Object;I)Z");
        super.visitJumpInsn(Opcodes.IFEQ, resultKnown);
        super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnedSlot);
        ValueInstructions.box(mv, returnType);
        super.visitVarInsn(Opcodes.ASTORE, resultSlot);
        super.visitLabel(resultKnown);
        frame(locals(List.of(), true, true, true, false), null);
    }

    private void copyArguments(int fromSlot, int toSlot) {
        int offset = 0;
        for (Type type : argumentTypes) {
            super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), fromSlot + offset);
            super.visitVarInsn(type.getOpcode(Opcodes.ISTORE), toSlot + offset);
            offset += type.getSize();
        }
    }

    /** The parameters, boxed into a new array; the receiver is not one of them. */
    private void pushArgumentsArray() {
        int first = receiverCount;
        ValueInstructions.push(mv, argumentTypes.size() - first);
        super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        int slot = first;
        for (int index = first; index < argumentTypes.size(); index++) {
            Type type = argumentTypes.get(index);
            super.visitInsn(Opcodes.DUP);
            ValueInstructions.push(mv, index - first);
            super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
            ValueInstructions.box(mv, type);
            super.visitInsn(Opcodes.AASTORE);
            slot += type.getSize();
        }
    }

    /**
     * @param prefix the frame types of the locals below {@link #firstFree}, possibly fewer
     * @return the frame's locals: {@code prefix}, then the advice's, as far as they are set at that point
     */
    private Object[] locals(List<Object> prefix, boolean token, boolean ended, boolean result, boolean verdict) {
        List<Object> locals = new ArrayList<>(prefix);
        int slots = 0;
        for (Object type : prefix) {
            slots += type == Opcodes.LONG || type == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slots < firstFree; slots++) {
            locals.add(Opcodes.TOP);
        }
        locals.add(token ? OBJECT : Opcodes.TOP);
        locals.addAll(arguments);
        if (ended) {
            if (returnType.getSort() != Type.VOID) {
                locals.add(ValueInstructions.frameType(returnType));
            }
            locals.add(THROWABLE);
            if (result) {
                locals.add(OBJECT);
                if (verdict) {
                    locals.add(OBJECT);
                }
            }
        }
        return locals.toArray();
    }

    private void frame(Object[] locals, String thrown) {
        if (writesFrames) {
            Object[] stack = thrown == null ? new Object[0] : new Object[] {thrown};
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }

    private void invokeDispatcher(String name, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, name, descriptor, false);
    }

    private static int argumentsSize(List<Type> types) {
        int size = 0;
        for (Type type : types) {
            size += type.getSize();
        }
        return size;
    }
}
