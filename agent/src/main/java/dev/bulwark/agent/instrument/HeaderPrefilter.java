package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeader;
import dev.bulwark.agent.matching.ClassHeaders;
import dev.bulwark.agent.matching.SubtypeMemo;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Hands the weaver only the classes a policy may advise, judged from their class file's header: most classes are
 * ruled out by their name and the names of their supertypes, without their methods being read.
 *
 * <p>ByteBuddy, which Bulwark used before, parsed every class the JVM loaded (fields, methods, signatures) before
 * its matcher could say no; that parsing, and compiling the parser, was most of Bulwark's start-up CPU.
 * Retransformations (Bulwark's own after a reload, or another agent's) go straight to the weaver: they are rare.
 *
 * <p>The weaver is made when the first class gets through: an application whose patterns match nothing while it
 * starts never loads its classes. This class itself reads only the header ({@link ClassHeader#read}).
 */
final class HeaderPrefilter implements ClassFileTransformer {
    private final BiPredicate<ClassHeader, ClassHeaders> mayBeAdvised;
    private final Supplier<ClassFileTransformer> weaver;
    // Only its growth matters, so an increment lost between two threads does no harm.
    private volatile int classesLoaded;

    /**
     * @param mayBeAdvised whether a class, by its header, may be one a policy advises; {@code false} only when
     *                     it certainly is not
     * @param weaver makes or returns the weaver; {@code null} when it could not be made, and nothing is advised
     */
    HeaderPrefilter(BiPredicate<ClassHeader, ClassHeaders> mayBeAdvised, Supplier<ClassFileTransformer> weaver) {
        this.mayBeAdvised = mayBeAdvised;
        this.weaver = weaver;
    }

    /**
     * Runs the filter's code before it is installed, so that every class it uses is loaded and every lambda and
     * string concatenation in it is linked by then. Linking runs the JDK's method-handle machinery, which may load
     * {@code java.lang.invoke} classes of its own; were that to happen inside the transformation of such a class,
     * the JVM would fail that load with a {@code ClassCircularityError} and keep failing it, breaking every later
     * lambda of the application.
     */
    void prepare() {
        // The path of every class the ignore list rules out: the classes of java.lang.invoke take it.
        mayBeAdvised(null, "java/lang/Object", new byte[0]);
        // The path of a class judged by its header, up to the pattern test.
        // Through the application class loader, as most classes come: the boot loader, which defines Bulwark's own
        // classes, takes other branches in the per-loader memos.
        ClassHeaders headers = new ClassHeaders(ClassLoader.getSystemClassLoader());
        ClassHeader header = headers.find(HeaderPrefilter.class.getName());
        if (header != null) {
            new SubtypeMemo(name -> false).mayMatch(header, headers);
        }
    }

    /** @return how many classes the JVM has loaded since the filter was installed, give or take a few */
    int classesLoaded() {
        return classesLoaded;
    }

    // The JVM calls only this overload; the other, without a module, is left to return null.
    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (classBeingRedefined == null) {
            classesLoaded++;
            if (!mayBeAdvised(loader, internalName, classFile)) {
                return null;
            }
        }
        ClassFileTransformer transformer = weaver.get();
        return transformer == null ? null
                : transformer.transform(module, loader, internalName, classBeingRedefined, domain, classFile);
    }

    private boolean mayBeAdvised(ClassLoader loader, String internalName, byte[] classFile) {
        if (internalName == null) {
            // A class without a name (a lambda's, defined hidden): no agent can advise those.
            return false;
        }
        if (ClassHeaders.isReadingOnThisThread() || WeavingThread.isWeaving()) {
            // A class the loader needs to read a resource for the filter, or one the weaver needs: see WeavingThread.
            return false;
        }
        if (IgnoredTypes.isIgnoredInternalName(internalName)) {
            return false;
        }
        try {
            ClassHeader header = ClassHeader.read(classFile);
            return !header.isSynthetic() && mayBeAdvised.test(header, new ClassHeaders(loader));
        } catch (RuntimeException unreadable) {
            // The weaver reads what this filter could not, and reports what it cannot advise.
            return true;
        }
    }
}
