package dev.bulwark.runtime.rejection;

import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;

/**
 * Creates the exception a rejected call throws, of a type its method declares, so the application's existing
 * error handling takes over.
 *
 * <p>The type is chosen by the agent when it advises the method and is loaded here through that method's own
 * class loader: boot-path code cannot link against {@code java.sql} or application types directly.
 */
public final class RejectionExceptionFactory {
    private final String exceptionClassName;
    private final WeakReference<ClassLoader> classLoader;
    // Weak: a cached constructor would hold the application's class loader and leak it on redeploy.
    private volatile WeakReference<Constructor<? extends Throwable>> constructor = new WeakReference<>(null);

    /**
     * @param exceptionClassName a throwable with a public constructor taking a message, or {@code null} for
     *     {@link CallRejectedException}
     * @param classLoader the loader of the advised class, {@code null} for the boot loader
     */
    public RejectionExceptionFactory(String exceptionClassName, ClassLoader classLoader) {
        this.exceptionClassName = exceptionClassName;
        this.classLoader = new WeakReference<>(classLoader);
    }

    /** @return a new exception carrying {@code message}; never fails, falling back to {@link CallRejectedException} */
    public Throwable create(String message) {
        if (exceptionClassName == null) {
            return new CallRejectedException(message);
        }
        try {
            return constructor().newInstance(message);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            BulwarkLog.internalFault("creating a " + exceptionClassName + " for a rejected call", e);
            return new CallRejectedException(message);
        }
    }

    private Constructor<? extends Throwable> constructor() throws ReflectiveOperationException {
        Constructor<? extends Throwable> resolved = constructor.get();
        if (resolved == null) {
            Class<?> type = Class.forName(exceptionClassName, false, classLoader.get());
            resolved = type.asSubclass(Throwable.class).getConstructor(String.class);
            constructor = new WeakReference<>(resolved);
        }
        return resolved;
    }
}
