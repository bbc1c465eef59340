package dev.bulwark.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** The instructions the guard advice needs to move values of any type: constants, boxing, frame types. */
final class ValueInstructions {

    private ValueInstructions() {
    }

    /** Pushes an int constant with the shortest instruction. */
    static void push(MethodVisitor code, int value) {
        if (value >= -1 && value <= 5) {
            code.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            code.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            code.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            code.visitLdcInsn(value);
        }
    }

    /** Pushes the zero or {@code null} of {@code type}. */
    static void pushDefault(MethodVisitor code, Type type) {
        switch (type.getSort()) {
            case Type.LONG -> code.visitInsn(Opcodes.LCONST_0);
            case Type.FLOAT -> code.visitInsn(Opcodes.FCONST_0);
            case Type.DOUBLE -> code.visitInsn(Opcodes.DCONST_0);
            case Type.OBJECT, Type.ARRAY -> code.visitInsn(Opcodes.ACONST_NULL);
            default -> code.visitInsn(Opcodes.ICONST_0);
        }
    }

    /** Boxes the primitive of {@code type} on the stack; leaves a reference as it is. */
    static void box(MethodVisitor code, Type type) {
        Type boxed = boxedType(type);
        if (boxed != null) {
            code.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
                    Type.getMethodDescriptor(boxed, type), false);
        }
    }

    /** Casts the object on the stack to {@code type}, unboxing it for a primitive. */
    static void unbox(MethodVisitor code, Type type) {
        Type boxed = boxedType(type);
        if (boxed == null) {
            code.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
        } else {
            code.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxed.getInternalName(), type.getClassName() + "Value",
                    Type.getMethodDescriptor(type), false);
        }
    }

    private static Type boxedType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> Type.getObjectType("java/lang/Boolean");
            case Type.CHAR -> Type.getObjectType("java/lang/Character");
            case Type.BYTE -> Type.getObjectType("java/lang/Byte");
            case Type.SHORT -> Type.getObjectType("java/lang/Short");
            case Type.INT -> Type.getObjectType("java/lang/Integer");
            case Type.FLOAT -> Type.getObjectType("java/lang/Float");
            case Type.LONG -> Type.getObjectType("java/lang/Long");
            case Type.DOUBLE -> Type.getObjectType("java/lang/Double");
            default -> null;
        };
    }

    /** @return how a stack map frame writes a value of {@code type} */
    static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> type.getInternalName();
        };
    }
}
