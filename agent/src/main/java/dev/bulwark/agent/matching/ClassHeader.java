package dev.bulwark.agent.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * What a class file's header says about a class: its name, access flags and direct supertypes. Enough to rule a
 * class out of every pattern without ByteBuddy parsing its members, signatures and annotations.
 *
 * @param name the binary name, such as {@code com.acme.Outer$Inner}
 * @param access the class's access flags as written in the class file
 * @param supertypes the binary names of the superclass (none for {@code java.lang.Object} and module
 *                   descriptors) followed by those of the interfaces it implements directly
 */
public record ClassHeader(String name, int access, List<String> supertypes) {
    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_SYNTHETIC = 0x1000;

    /** @return whether the compiler generated the class */
    public boolean isSynthetic() {
        return (access & ACC_SYNTHETIC) != 0;
    }

    /**
     * Reads the header, skipping the rest of the constant pool by its entries' lengths.
     *
     * @param classFile a class file
     * @return its header
     * @throws IllegalArgumentException when the bytes are not a class file this reader understands
     */
    public static ClassHeader read(byte[] classFile) {
        try {
            return new Reader(classFile).header();
        } catch (ArrayIndexOutOfBoundsException truncated) {
            throw new IllegalArgumentException("truncated class file", truncated);
        }
    }

    /** One pass over one class file's constant pool. */
    private static final class Reader {
        private final byte[] bytes;
        private final int[] entryOffsets;
        private final int afterConstantPool;

        Reader(byte[] bytes) {
            this.bytes = bytes;
            if (u4(0) != MAGIC) {
                throw new IllegalArgumentException("not a class file");
            }
            int count = u2(8);
            entryOffsets = new int[count];
            int at = 10;
            for (int index = 1; index < count; index++) {
                entryOffsets[index] = at;
                int tag = bytes[at];
                switch (tag) {
                    case 1 -> at += 3 + u2(at + 1); // Utf8
                    case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
                    case 15 -> at += 4; // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                    case 5, 6 -> { // Long and Double take two entries
                        at += 9;
                        index++;
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            afterConstantPool = at;
        }

        ClassHeader header() {
            int access = u2(afterConstantPool);
            String name = className(u2(afterConstantPool + 2));
            int superIndex = u2(afterConstantPool + 4);
            int interfaceCount = u2(afterConstantPool + 6);
            List<String> supertypes = new ArrayList<>(interfaceCount + 1);
            if (superIndex != 0) {
                supertypes.add(className(superIndex));
            }
            for (int i = 0; i < interfaceCount; i++) {
                supertypes.add(className(u2(afterConstantPool + 8 + 2 * i)));
            }
            return new ClassHeader(name, access, List.copyOf(supertypes));
        }

        private String className(int classIndex) {
            int classEntry = entryOffsets[classIndex];
            if (bytes[classEntry] != 7) {
                throw new IllegalArgumentException("constant " + classIndex + " is not a class");
            }
            return utf8(entryOffsets[u2(classEntry + 1)]).replace('/', '.');
        }

        /** Decodes the JVM's modified UTF-8; names are nearly always ASCII, which takes the first branch. */
        private String utf8(int entry) {
            int length = u2(entry + 1);
            int at = entry + 3;
            int end = at + length;
            char[] chars = new char[length];
            int count = 0;
            while (at < end) {
                int first = bytes[at++] & 0xFF;
                if (first < 0x80) {
                    chars[count++] = (char) first;
                } else if (first < 0xE0) {
                    chars[count++] = (char) (((first & 0x1F) << 6) | (bytes[at++] & 0x3F));
                } else {
                    chars[count++] = (char) (((first & 0x0F) << 12) | ((bytes[at++] & 0x3F) << 6)
                            | (bytes[at++] & 0x3F));
                }
            }
            return new String(chars, 0, count);
        }

        private int u2(int at) {
            return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
        }

        private int u4(int at) {
            return (u2(at) << 16) | u2(at + 2);
        }
    }
}
