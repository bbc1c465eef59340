package dev.bulwark.agent.matching;

import org.objectweb.asm.ClassReader;

import java.util.ArrayList;
import java.util.List;

/**
 * What a class file's header says about a class: its name, access flags and direct supertypes. Enough to rule a
 * class out of every pattern without parsing its members, signatures and annotations.
 *
 * @param name the binary name, such as {@code com.acme.Outer$Inner}
 * @param access the class's access flags as written in the class file
 * @param supertypes the binary names of the superclass (none for {@code java.lang.Object} and module
 *                   descriptors) followed by those of the interfaces it implements directly
 */
public record ClassHeader(String name, int access, List<String> supertypes) {
    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_SYNTHETIC = 0x1000;
    private static final int ACC_INTERFACE = 0x0200;

    /** @return whether the type is an interface (an annotation type included) */
    public boolean isInterface() {
        return (access & ACC_INTERFACE) != 0;
    }

    /** @return the superclass's binary name; {@code null} for {@code java.lang.Object} */
    public String superclass() {
        return supertypes.isEmpty() ? null : supertypes.get(0);
    }

    /** @return whether the compiler generated the class */
    public boolean isSynthetic() {
        return (access & ACC_SYNTHETIC) != 0;
    }

    /**
     * Reads the header with ASM's {@link ClassReader}, whose constructor only indexes the constant pool: the
     * class's members, signatures and attributes are never parsed.
     *
     * @param classFile a class file
     * @return its header
     * @throws IllegalArgumentException when the bytes are not a class file ASM understands
     */
    public static ClassHeader read(byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (ArrayIndexOutOfBoundsException truncated) {
            throw new IllegalArgumentException("truncated class file", truncated);
        }
        if (reader.readInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        String[] interfaces = reader.getInterfaces();
        List<String> supertypes = new ArrayList<>(interfaces.length + 1);
        String superName = reader.getSuperName();
        if (superName != null) {
            supertypes.add(binaryName(superName));
        }
        for (String implemented : interfaces) {
            supertypes.add(binaryName(implemented));
        }
        return new ClassHeader(binaryName(reader.getClassName()), reader.getAccess(), List.copyOf(supertypes));
    }

    /**
     * @param type a loaded class
     * @return its header, as its class file has it: an interface's superclass is {@code java.lang.Object}
     */
    public static ClassHeader of(Class<?> type) {
        Class<?>[] interfaces = type.getInterfaces();
        List<String> supertypes = new ArrayList<>(interfaces.length + 1);
        Class<?> superclass = type.getSuperclass();
        if (superclass != null) {
            supertypes.add(superclass.getName());
        } else if (type.isInterface()) {
            supertypes.add(Object.class.getName());
        }
        for (Class<?> implemented : interfaces) {
            supertypes.add(implemented.getName());
        }
        return new ClassHeader(type.getName(), type.getModifiers(), List.copyOf(supertypes));
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }
}
