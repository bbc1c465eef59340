package dev.bulwark.agent.matching;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;

/**
 * A class as its class file declares it: its header and its methods, without their code. What matching a class and
 * choosing how its advised methods reject calls need, read with ASM alone.
 *
 * @param header the class's name, access flags and direct supertypes
 * @param methods the methods it declares, constructors included
 */
public record ClassOutline(ClassHeader header, List<MethodOutline> methods) {

    /** @return the binary name, such as {@code com.acme.Outer$Inner} */
    public String name() {
        return header.name();
    }

    /** @return whether the class is abstract (an interface included) */
    public boolean isAbstract() {
        return (header.access() & Opcodes.ACC_ABSTRACT) != 0;
    }

    /**
     * @param classFile a class file
     * @return its outline
     * @throws IllegalArgumentException when the bytes are not a class file ASM understands
     */
    public static ClassOutline read(byte[] classFile) {
        ClassHeader header = ClassHeader.read(classFile);
        List<MethodOutline> methods = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                List<String> declared = new ArrayList<>();
                if (exceptions != null) {
                    for (String exception : exceptions) {
                        declared.add(exception.replace('/', '.'));
                    }
                }
                methods.add(new MethodOutline(access, name, descriptor, List.copyOf(declared)));
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassOutline(header, List.copyOf(methods));
    }
}
