package dev.bulwark.runtime.rejection;

import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.util.function.Function;

/**
 * Creates the exceptions a guarded method throws for Bulwark (a rejection, a timeout, a fallback's exception), of
 * a type the application already handles.
 *
 * <p>The type is chosen by the agent when it advises the method, or named in the policy file, and is loaded here
 * through the method's own class loader: boot-path code cannot link against {@code java.sql}, {@code java.net.http}
 * or application types directly.
 */
public final class ExceptionFactory {
    private final String exceptionClassName;
    private final WeakReference<ClassLoader> classLoader;
    private final Function<String, RuntimeException> unchecked;
    // Weak: a cached constructor would hold the application's class loader and leak it on redeploy.
    private volatile WeakReference<Constructor<? extends Throwable>> constructor = new WeakReference<>(null);

    /**
     * @param exceptionClassName a throwable with a public constructor taking a message, or {@code null} for
     *     Bulwark's own unchecked exception
     * @param classLoader the loader of the advised class, {@code null} for the boot loader
     * @param unchecked makes Bulwark's own unchecked exception, used when the named type cannot be made
     */
    public ExceptionFactory(String exceptionClassName, ClassLoader classLoader,
                            Function<String, RuntimeException> unchecked) {
        this.exceptionClassName = exceptionClassName;
        this.classLoader = new WeakReference<>(classLoader);
        this.unchecked = unchecked;
    }

    /** @return a factory of rejections: {@code exceptionClassName}, else {@link CallRejectedException} */
    public static ExceptionFactory forRejections(String exceptionClassName, ClassLoader classLoader) {
        return new ExceptionFactory(exceptionClassName, classLoader, CallRejectedException::new);
    }

    /** @return a factory of timeouts: {@code exceptionClassName}, else {@link CallTimedOutException} */
    public static ExceptionFactory forTimeouts(String exceptionClassName, ClassLoader classLoader) {
        return new ExceptionFactory(exceptionClassName, classLoader, CallTimedOutException::new);
    }

    /** @return a new exception carrying {@code message}; never fails, falling back to Bulwark's own */
    public Throwable create(String message) {
        return create(message, null);
    }

    /**
     * @param message the exception's message
     * @param cause what made Bulwark end the call, kept so that logs still show what failed; may be {@code null}
     * @return a new exception; never fails, falling back to Bulwark's own
     */
    public Throwable create(String message, Throwable cause) {
        Throwable created;
        if (exceptionClassName == null) {
            created = unchecked.apply(message);
        } else {
            try {
                created = constructor().newInstance(message);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                BulwarkLog.internalFault("creating a " + exceptionClassName + " for a guarded call", e,
                        "the call ended in Bulwark's own exception instead");
                created = unchecked.apply(message);
            }
        }
        if (cause != null) {
            attach(created, cause);
        }
        return created;
    }

    /** The cause when the exception has none yet, else a suppressed exception: either way the stack shows it. */
    private static void attach(Throwable created, Throwable cause) {
        try {
            if (created.getCause() == null) {
                created.initCause(cause);
                return;
            }
        } catch (IllegalStateException causeAlreadySet) {
            // Some types set their cause in the constructor, even to null; fall through to suppressed.
        }
        created.addSuppressed(cause);
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
