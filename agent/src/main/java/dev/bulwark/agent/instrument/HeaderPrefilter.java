package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeader;
import dev.bulwark.agent.matching.ClassHeaders;
import dev.bulwark.agent.matching.SubtypeMemo;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.BiPredicate;

/**
 * Hands ByteBuddy only the classes a policy may advise, judged from their class file's header: most classes are
 * ruled out by their name and the names of their supertypes, without ByteBuddy parsing them and warming its code.
 *
 * <p>ByteBuddy used to parse every class the JVM loaded (fields, methods, signatures) before its matcher could
 * say no; that parsing, and compiling ByteBuddy's parser, was most of Bulwark's start-up CPU. Retransformations
 * (Bulwark's own after a reload, or another agent's) go straight to ByteBuddy: they are rare, and ByteBuddy's
 * matcher decides them from the loaded class.
 */
final class HeaderPrefilter extends ResettableClassFileTransformer.WithDelegation {
    private final BiPredicate<ClassHeader, ClassHeaders> mayBeAdvised;

    /**
     * @param byteBuddy the transformer that matches exactly and advises
     * @param mayBeAdvised whether a class, by its header, may be one a policy advises; {@code false} only when
     *                     it certainly is not
     */
    HeaderPrefilter(ResettableClassFileTransformer byteBuddy, BiPredicate<ClassHeader, ClassHeaders> mayBeAdvised) {
        super(byteBuddy);
        this.mayBeAdvised = mayBeAdvised;
    }

    /**
     * Runs the filter once on a class file of Bulwark's own before the transformer is installed, so that every
     * class it uses is loaded by then: one first loaded in the middle of a transformation could fail with a
     * {@code ClassCircularityError}.
     */
    static void loadOwnClasses() {
        ClassHeaders headers = new ClassHeaders(HeaderPrefilter.class.getClassLoader());
        ClassHeader header = headers.find(HeaderPrefilter.class.getName());
        if (header != null) {
            new SubtypeMemo(name -> false).mayMatch(header, headers);
        }
        ClassHeaders.isReadingOnThisThread();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (classBeingRedefined == null && !mayBeAdvised(loader, internalName, classFile)) {
            return null;
        }
        return classFileTransformer.transform(module, loader, internalName, classBeingRedefined, domain, classFile);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (classBeingRedefined == null && !mayBeAdvised(loader, internalName, classFile)) {
            return null;
        }
        return classFileTransformer.transform(loader, internalName, classBeingRedefined, domain, classFile);
    }

    private boolean mayBeAdvised(ClassLoader loader, String internalName, byte[] classFile) {
        if (internalName == null) {
            return true;
        }
        if (ClassHeaders.isReadingOnThisThread()) {
            // A class the loader needs to read a resource for the filter: ByteBuddy's circularity lock skipped it.
            return false;
        }
        if (IgnoredTypes.isIgnored(internalName.replace('/', '.'))) {
            return false;
        }
        try {
            ClassHeader header = ClassHeader.read(classFile);
            return !header.isSynthetic() && mayBeAdvised.test(header, new ClassHeaders(loader));
        } catch (RuntimeException unreadable) {
            // ByteBuddy reads what this filter could not, and reports what it cannot advise.
            return true;
        }
    }
}
