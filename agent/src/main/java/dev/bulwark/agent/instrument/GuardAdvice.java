package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.Rejection;
import dev.bulwark.runtime.guard.ReplacedResult;
import dev.bulwark.runtime.guard.Verdicts;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined around every advised method. It only calls {@link CallDispatcher}, which lives on the boot class
 * path where every class, JDK ones included, can see it.
 *
 * <p>The exit advice carries out the guard's verdict. A rejected call skips the body and leaves through here with
 * the rejection's exception assigned to {@code thrown}: throwing from the advice itself would be swallowed by
 * {@code suppress}, which is there so that a fault in Bulwark never reaches the application. A retry returns
 * {@code true}, which runs the body again with the same arguments (the enter advice runs once per call). The result
 * is read only when the policy classifies results, since reading it boxes a primitive.
 */
final class GuardAdvice {

    private GuardAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Rejection.class, suppress = Throwable.class)
    static Object enter(@GuardSlot int slot) {
        return CallDispatcher.enter(slot);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class,
            repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@SiteId int site,
                        @Advice.Enter Object token,
                        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                        @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (token == null) {
            return false;
        }
        Object result = CallDispatcher.needsResult(token, site) ? returned : null;
        Object verdict = CallDispatcher.exit(token, result, thrown, site);
        if (verdict == null) {
            return false;
        }
        if (verdict == Verdicts.REPEAT) {
            return true;
        }
        if (verdict instanceof Throwable) {
            thrown = (Throwable) verdict;
        } else if (verdict instanceof ReplacedResult) {
            // Assigned before the failure is cleared: should the value not fit, the failure stands.
            returned = ((ReplacedResult) verdict).value();
            thrown = null;
        }
        return false;
    }
}
