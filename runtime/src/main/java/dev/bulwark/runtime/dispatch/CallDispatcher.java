package dev.bulwark.runtime.dispatch;

import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.guard.NestedCall;
import dev.bulwark.runtime.guard.Rejection;
import dev.bulwark.runtime.log.BulwarkLog;
import dev.bulwark.runtime.rejection.CallRejectedException;

/**
 * The two entry points advice calls around every advised method. Nothing here may break the host application:
 * a fault inside Bulwark is logged and the call proceeds as if unguarded.
 */
public final class CallDispatcher {

    private CallDispatcher() {
    }

    /**
     * Called before the method body.
     *
     * @param slot the guard slot of the method's policy
     * @return {@code null} when no policy applies, a {@link Rejection} when the body must be skipped, or a token
     *     to hand back to {@link #exit}
     */
    public static Object enter(int slot) {
        try {
            Guard guard = GuardRegistry.guard(slot);
            return guard == null ? null : guard.enter();
        } catch (Throwable fault) {
            BulwarkLog.internalFault("deciding whether a call may go ahead", fault);
            return null;
        }
    }

    /**
     * Called before the body of a method inherited by a pattern's type from a superclass outside it: guards the
     * call only when the receiver is of the pattern's type.
     *
     * @param slot the guard slot of the method's policy
     * @param receiverType the number of the check from {@link ReceiverTypes#register}
     * @param receiver {@code this} of the call
     * @return as {@link #enter(int)}
     */
    public static Object enterIfReceiverIs(int slot, int receiverType, Object receiver) {
        try {
            return ReceiverTypes.matches(receiverType, receiver) ? enter(slot) : null;
        } catch (Throwable fault) {
            BulwarkLog.internalFault("checking the type of a call's receiver", fault);
            return null;
        }
    }

    /**
     * Called after the method body, or instead of it when {@link #enter} rejected the call.
     *
     * @param token what {@link #enter} returned
     * @param thrown what the body threw, {@code null} if it returned normally or was skipped
     * @param site the advised method's site number
     * @return what the method must throw: {@code thrown}, or the rejection's exception
     */
    public static Throwable exit(Object token, Throwable thrown, int site) {
        if (token == null) {
            return thrown;
        }
        if (token instanceof Rejection) {
            return rejectionException((Rejection) token, site);
        }
        try {
            if (token instanceof Guard) {
                ((Guard) token).exitOutermost(thrown);
            } else if (token instanceof NestedCall) {
                ((NestedCall) token).exit();
            }
        } catch (Throwable fault) {
            BulwarkLog.internalFault("recording a call outcome", fault);
        }
        return thrown;
    }

    private static Throwable rejectionException(Rejection rejection, int site) {
        try {
            return AdvisedMethods.at(site).rejections().create(rejection.message());
        } catch (Throwable fault) {
            // The body was skipped: the call must end in an exception, never in a made-up return value, so the
            // exception is made before anything else can go wrong.
            CallRejectedException rejected = new CallRejectedException(rejection.message());
            BulwarkLog.internalFault("creating the exception of a rejected call", fault);
            return rejected;
        }
    }
}
