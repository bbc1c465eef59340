package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.Rejection;
import net.bytebuddy.asm.Advice;

/**
 * The enter advice for a method a pattern's type inherits from a superclass outside it; the exit advice is
 * {@link GuardAdvice}'s. Only calls on instances of the pattern's type are guarded.
 */
final class ReceiverCheckedEnterAdvice {

    private ReceiverCheckedEnterAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Rejection.class, suppress = Throwable.class)
    static Object enter(@GuardSlot int slot, @ReceiverTypeId int receiverType, @Advice.This Object receiver) {
        return CallDispatcher.enterIfReceiverIs(slot, receiverType, receiver);
    }
}
