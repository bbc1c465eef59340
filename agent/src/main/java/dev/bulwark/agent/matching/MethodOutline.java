package dev.bulwark.agent.matching;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.Arrays;
import java.util.List;

/**
 * A method as its class file declares it, without its code.
 *
 * @param access the method's access flags as written in the class file
 * @param name its name, {@code <init>} for a constructor
 * @param descriptor its JVM descriptor, such as {@code (Ljava/lang/String;)I}
 * @param exceptions the binary names of the exceptions its {@code throws} clause declares
 */
public record MethodOutline(int access, String name, String descriptor, List<String> exceptions) {

    /** @return whether this is a method proper, neither a constructor nor a class initialiser */
    public boolean isMethod() {
        return !name.startsWith("<");
    }

    /** @return whether the method has no body of its own to advise: abstract or native */
    public boolean hasNoBody() {
        return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0;
    }

    /** @return whether the compiler generated the method: a bridge or another synthetic method */
    public boolean isGenerated() {
        return (access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0;
    }

    /** @return whether the method is static, without a receiver */
    public boolean isStatic() {
        return (access & Opcodes.ACC_STATIC) != 0;
    }

    /** @return whether the method is public */
    public boolean isPublic() {
        return (access & Opcodes.ACC_PUBLIC) != 0;
    }

    /** @return the source-style names of its parameter types, such as {@code java.lang.String[]} or {@code int} */
    public List<String> parameterTypeNames() {
        return Arrays.stream(Type.getArgumentTypes(descriptor)).map(Type::getClassName).toList();
    }

    /** @return its return type's name as {@link Class#getName()} spells it: {@code void}, {@code [Ljava.lang.String;} */
    public String returnTypeName() {
        Type returned = Type.getReturnType(descriptor);
        return returned.getSort() == Type.ARRAY ? returned.getDescriptor().replace('/', '.') : returned.getClassName();
    }

    /** @return whether it has the same name and parameter types as {@code other}, as an override does */
    public boolean hasSameSignatureAs(MethodOutline other) {
        return name.equals(other.name) && Arrays.equals(Type.getArgumentTypes(descriptor),
                Type.getArgumentTypes(other.descriptor));
    }
}
