package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.Rejection;
import net.bytebuddy.asm.Advice;

/**
 * The code inlined around every advised method. It only calls {@link CallDispatcher}, which lives on the boot class
 * path where every class, JDK ones included, can see it.
 *
 * <p>A rejected call skips the body and leaves through the exit advice by assigning the exception to
 * {@code thrown}: throwing from the advice itself would be swallowed by {@code suppress}, which is there so that
 * a fault in Bulwark never reaches the application.
 */
final class GuardAdvice {

    private GuardAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Rejection.class, suppress = Throwable.class)
    static Object enter(@GuardSlot int slot) {
        return CallDispatcher.enter(slot);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site,
                     @Advice.Enter Object token,
                     @Advice.Thrown(readOnly = false) Throwable thrown) {
        thrown = CallDispatcher.exit(token, thrown, site);
    }
}
