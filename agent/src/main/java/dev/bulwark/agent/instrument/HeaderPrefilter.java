package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeader;
import dev.bulwark.agent.matching.ClassHeaders;
import dev.bulwark.agent.matching.SubtypeMemo;
import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

/**
 * Hands ByteBuddy only the classes a policy may advise, judged from their class file's header: most classes are
 * ruled out by their name and the names of their supertypes, without ByteBuddy parsing them and warming its code.
 *
 * <p>ByteBuddy used to parse every class the JVM loaded (fields, methods, signatures) before its matcher could
 * say no; that parsing, and compiling ByteBuddy's parser, was most of Bulwark's start-up CPU. Retransformations
 * (Bulwark's own after a reload, or another agent's) go straight to ByteBuddy: they are rare, and ByteBuddy's
 * matcher decides them from the loaded class.
 *
 * <p>ByteBuddy's transformer is built by another thread while the application starts ({@link #delegateTo}); a
 * class that may be advised before it is ready waits for it. This class itself uses nothing of ByteBuddy.
 */
final class HeaderPrefilter implements ClassFileTransformer {
    // Far longer than building ByteBuddy's transformer takes; only a class loading deadlock would exhaust it.
    private static final long PATIENCE_SECONDS = 30;

    private final BiPredicate<ClassHeader, ClassHeaders> mayBeAdvised;
    private final CountDownLatch byteBuddyReady = new CountDownLatch(1);
    private final AtomicBoolean impatienceReported = new AtomicBoolean();
    private volatile ClassFileTransformer byteBuddy;
    private volatile Thread builder;

    /**
     * @param mayBeAdvised whether a class, by its header, may be one a policy advises; {@code false} only when
     *                     it certainly is not
     */
    HeaderPrefilter(BiPredicate<ClassHeader, ClassHeaders> mayBeAdvised) {
        this.mayBeAdvised = mayBeAdvised;
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
        ClassHeaders headers = new ClassHeaders(HeaderPrefilter.class.getClassLoader());
        ClassHeader header = headers.find(HeaderPrefilter.class.getName());
        if (header != null) {
            new SubtypeMemo(name -> false).mayMatch(header, headers);
        }
        ClassHeaders.isReadingOnThisThread();
    }

    /** @param thread the thread that builds ByteBuddy's transformer, which must never wait for it */
    void builtBy(Thread thread) {
        builder = thread;
    }

    /**
     * Lets through to {@code transformer} the classes that may be advised, and those waiting for it.
     *
     * @param transformer ByteBuddy's transformer, {@code null} when it could not be built: nothing is advised
     */
    void delegateTo(ClassFileTransformer transformer) {
        byteBuddy = transformer;
        byteBuddyReady.countDown();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (classBeingRedefined == null && !mayBeAdvised(loader, internalName, classFile)) {
            return null;
        }
        ClassFileTransformer transformer = awaitByteBuddy(internalName);
        return transformer == null ? null
                : transformer.transform(module, loader, internalName, classBeingRedefined, domain, classFile);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (classBeingRedefined == null && !mayBeAdvised(loader, internalName, classFile)) {
            return null;
        }
        ClassFileTransformer transformer = awaitByteBuddy(internalName);
        return transformer == null ? null
                : transformer.transform(loader, internalName, classBeingRedefined, domain, classFile);
    }

    private ClassFileTransformer awaitByteBuddy(String internalName) {
        ClassFileTransformer ready = byteBuddy;
        if (ready != null || byteBuddyReady.getCount() == 0) {
            return ready;
        }
        if (Thread.currentThread() == builder) {
            // A class ByteBuddy itself needs while it is built: ByteBuddy's circularity lock would skip it too.
            return null;
        }
        try {
            if (byteBuddyReady.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                return byteBuddy;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (impatienceReported.compareAndSet(false, true)) {
            BulwarkLog.error("Bulwark: " + internalName + " loads unguarded: the advice was still being prepared");
        }
        return null;
    }

    private boolean mayBeAdvised(ClassLoader loader, String internalName, byte[] classFile) {
        if (internalName == null) {
            // A class without a name (a lambda's, defined hidden): ByteBuddy does not transform those either.
            return false;
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
