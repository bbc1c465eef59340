package dev.bulwark.agent.matching;

import org.objectweb.asm.ClassReader;

import java.nio.charset.StandardCharsets;
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
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_INTEGER = 3;
    private static final int CONSTANT_FLOAT = 4;
    private static final int CONSTANT_LONG = 5;
    private static final int CONSTANT_DOUBLE = 6;
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_STRING = 8;
    private static final int CONSTANT_FIELD_REF = 9;
    private static final int CONSTANT_METHOD_REF = 10;
    private static final int CONSTANT_INTERFACE_METHOD_REF = 11;
    private static final int CONSTANT_NAME_AND_TYPE = 12;
    private static final int CONSTANT_METHOD_HANDLE = 15;
    private static final int CONSTANT_METHOD_TYPE = 16;
    private static final int CONSTANT_DYNAMIC = 17;
    private static final int CONSTANT_INVOKE_DYNAMIC = 18;
    private static final int CONSTANT_MODULE = 19;
    private static final int CONSTANT_PACKAGE = 20;
    private static final byte[] FIXED_SIZES = fixedSizes();

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
     * Reads the header by walking the constant pool to the words after it, decoding only the names it needs.
     *
     * <p>This runs for every class the JVM loads. ASM's {@code ClassReader} did it before, but its constructor
     * indexes every constant-pool entry, and compiling that constructor alone cost the JIT about 90 ms of a
     * compiler thread in a Spring Boot application's start (JFR's compilation events), on top of running it
     * interpreted until then. A name that is not plain ASCII, which class names almost never are, is left to
     * ASM's reader, which decodes the class file's modified UTF-8.
     *
     * @param classFile a class file
     * @return its header
     * @throws IllegalArgumentException when the bytes are not a class file
     */
    public static ClassHeader read(byte[] classFile) {
        try {
            ClassHeader header = readAsciiNames(classFile);
            return header != null ? header : readWithAsm(classFile);
        } catch (ArrayIndexOutOfBoundsException truncated) {
            throw new IllegalArgumentException("truncated class file", truncated);
        }
    }

    /** @return the header; {@code null} when a name it needs is not plain ASCII */
    private static ClassHeader readAsciiNames(byte[] classFile) {
        if (readInt(classFile, 0) != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        int[] offsets = entryOffsets(classFile);
        int offset = offsets[0];
        int access = readUnsignedShort(classFile, offset);
        String name = className(classFile, offsets, readUnsignedShort(classFile, offset + 2));
        String[] supertypes = supertypeNames(classFile, offsets, offset + 4);
        return name == null || supertypes == null ? null : new ClassHeader(name, access, List.of(supertypes));
    }

    /**
     * The one loop that runs over every constant-pool entry of every class the JVM loads. It is kept small (a table
     * of sizes, the error path out of line, the names decoded elsewhere) because the JIT compiles it while the
     * application starts, on a compiler thread the application needs: when the loop shared its method with a
     * {@code switch} of sizes and the names' decoding, C2 spent 130 ms on its on-stack replacement and 240 ms on the
     * method in one start of the Spring Boot benchmark (JFR's compilation events); now about 10 ms.
     *
     * @return the offset of each entry in the class file, by index; at index 0 (no entry has it) the offset of the
     *         access flags that follow the pool
     */
    private static int[] entryOffsets(byte[] classFile) {
        int count = readUnsignedShort(classFile, 8);
        int[] offsets = new int[count];
        int offset = 10;
        for (int index = 1; index < count; index++) {
            offsets[index] = offset;
            int tag = classFile[offset];
            if (tag == CONSTANT_UTF8) {
                offset += 3 + readUnsignedShort(classFile, offset + 1);
            } else {
                int size = tag > 0 && tag < FIXED_SIZES.length ? FIXED_SIZES[tag] : 0;
                if (size == 0) {
                    throw unknownTag(tag);
                }
                offset += 1 + size;
                if (tag == CONSTANT_LONG || tag == CONSTANT_DOUBLE) {
                    // These take two entries.
                    index++;
                }
            }
        }
        offsets[0] = offset;
        return offsets;
    }

    /** The bytes after the tag of each entry of fixed size, by tag; 0 for Utf8 and for unknown tags (JVMS 4.4). */
    private static byte[] fixedSizes() {
        byte[] sizes = new byte[CONSTANT_PACKAGE + 1];
        sizes[CONSTANT_METHOD_HANDLE] = 3;
        for (int tag : new int[] {CONSTANT_CLASS, CONSTANT_STRING, CONSTANT_METHOD_TYPE, CONSTANT_MODULE,
                CONSTANT_PACKAGE}) {
            sizes[tag] = 2;
        }
        sizes[CONSTANT_LONG] = 8;
        sizes[CONSTANT_DOUBLE] = 8;
        for (int tag : new int[] {CONSTANT_INTEGER, CONSTANT_FLOAT, CONSTANT_FIELD_REF, CONSTANT_METHOD_REF,
                CONSTANT_INTERFACE_METHOD_REF, CONSTANT_NAME_AND_TYPE, CONSTANT_DYNAMIC, CONSTANT_INVOKE_DYNAMIC}) {
            sizes[tag] = 4;
        }
        return sizes;
    }

    private static IllegalArgumentException unknownTag(int tag) {
        return new IllegalArgumentException("unknown constant-pool tag " + tag);
    }

    /**
     * @param at the offset of the superclass's index, which the interfaces' count and indexes follow
     * @return the superclass's name (none for {@code java.lang.Object}) and the interfaces'; {@code null} when one is
     *         not plain ASCII
     */
    private static String[] supertypeNames(byte[] classFile, int[] offsets, int at) {
        int superIndex = readUnsignedShort(classFile, at);
        int interfaces = readUnsignedShort(classFile, at + 2);
        int first = superIndex == 0 ? 0 : 1;
        String[] names = new String[first + interfaces];
        if (superIndex != 0) {
            names[0] = className(classFile, offsets, superIndex);
        }
        for (int i = 0; i < interfaces; i++) {
            names[first + i] = className(classFile, offsets, readUnsignedShort(classFile, at + 4 + 2 * i));
        }
        for (String name : names) {
            if (name == null) {
                return null;
            }
        }
        return names;
    }

    /** @return the binary name the class entry at {@code index} names; {@code null} when it is not plain ASCII */
    private static String className(byte[] classFile, int[] offsets, int index) {
        if (index == 0) {
            // Entry 0 does not exist; its slot holds where the pool ends.
            throw new IllegalArgumentException("constant-pool index 0 names no class");
        }
        int utf8 = offsets[readUnsignedShort(classFile, offsets[index] + 1)];
        int length = readUnsignedShort(classFile, utf8 + 1);
        byte[] name = new byte[length];
        for (int i = 0; i < length; i++) {
            byte b = classFile[utf8 + 3 + i];
            if (b <= 0) {
                return null;
            }
            name[i] = b == '/' ? (byte) '.' : b;
        }
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private static ClassHeader readWithAsm(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
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

    private static int readUnsignedShort(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    private static int readInt(byte[] bytes, int offset) {
        return (readUnsignedShort(bytes, offset) << 16) | readUnsignedShort(bytes, offset + 2);
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
