package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.Rejection;
import net.bytebuddy.asm.Advice;

/**
 * The enter advice for a policy whose fallback needs the call's arguments (a cached fallback); the exit advice is
 * {@link GuardAdvice}'s. It costs an array per call, so only such policies get it.
 */
final class ArgumentsEnterAdvice {

    private ArgumentsEnterAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Rejection.class, suppress = Throwable.class)
    static Object enter(@GuardSlot int slot, @Advice.AllArguments Object[] arguments) {
        return CallDispatcher.enterWithArguments(slot, arguments);
    }
}
