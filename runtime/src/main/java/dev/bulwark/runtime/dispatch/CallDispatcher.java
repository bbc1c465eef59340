package dev.bulwark.runtime.dispatch;

import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.guard.GuardCall;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.guard.NestedCall;
import dev.bulwark.runtime.guard.Rejection;
import dev.bulwark.runtime.guard.ReplacedResult;
import dev.bulwark.runtime.guard.Verdicts;
import dev.bulwark.runtime.log.BulwarkLog;
import dev.bulwark.runtime.rejection.CallRejectedException;

/**
 * The entry points advice calls around every advised method. Nothing here may break the host application:
 * a fault inside Bulwark is logged and the call proceeds as if unguarded.
 */
public final class CallDispatcher {
    private static final String UNGUARDED = "the call went ahead unguarded";

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
            BulwarkLog.internalFault("deciding whether a call may go ahead", fault, UNGUARDED);
            return null;
        }
    }

    /**
     * Called before the method body instead of {@link #enter(int)} when the policy's fallback needs the arguments.
     *
     * @param slot the guard slot of the method's policy
     * @param arguments the call's arguments, in an array the advice made for this call
     * @return as {@link #enter(int)}
     */
    public static Object enterWithArguments(int slot, Object[] arguments) {
        try {
            Guard guard = GuardRegistry.guard(slot);
            return guard == null ? null : guard.enter(arguments);
        } catch (Throwable fault) {
            BulwarkLog.internalFault("deciding whether a call may go ahead", fault, UNGUARDED);
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
            BulwarkLog.internalFault("checking the type of a call's receiver", fault, UNGUARDED);
            return null;
        }
    }

    /**
     * Called by the exit advice before it reads a primitive result: reading it boxes the value, so advice reads it
     * only when the policy classifies results or the method returns a stage that ends the call later. A reference
     * result is always passed to {@link #exit}, so that a guard that keeps it from the caller can release it.
     *
     * @param token what {@link #enter} returned
     * @param site the advised method's site number
     * @return whether {@link #exit} needs the result
     */
    public static boolean needsResult(Object token, int site) {
        return token instanceof GuardCall
                && (((GuardCall) token).needsResult() || AdvisedMethods.at(site).returnsStage());
    }

    /**
     * Called after the method body, or instead of it when {@link #enter} rejected the call.
     *
     * @param token what {@link #enter} returned
     * @param result what the body returned: a reference always, a primitive boxed when {@link #needsResult} said so;
     *     otherwise {@code null}
     * @param thrown what the body threw, {@code null} if it returned normally or was skipped
     * @param site the advised method's site number
     * @return a verdict of {@link Verdicts}: {@code null} to leave the outcome as it is, {@link Verdicts#REPEAT} to
     *     run the body again, a {@link Throwable} to throw instead, or a {@link ReplacedResult} to return instead
     */
    public static Object exit(Object token, Object result, Throwable thrown, int site) {
        if (token == null) {
            return null;
        }
        if (token instanceof NestedCall) {
            ((NestedCall) token).exit();
            return null;
        }
        if (token instanceof Rejection) {
            return exitRejected((Rejection) token, site);
        }
        GuardCall call = (GuardCall) token;
        try {
            return call.guard().exitAttempt(call, result, thrown, AdvisedMethods.at(site));
        } catch (Throwable fault) {
            call.guard().abandon(call);
            BulwarkLog.internalFault("recording a call outcome", fault,
                    "the call ended as the method did, and its policy may not have counted it");
            return null;
        }
    }

    private static Object exitRejected(Rejection rejection, int site) {
        try {
            return rejection.guard().exitRejected(rejection, AdvisedMethods.at(site));
        } catch (Throwable fault) {
            // The body was skipped: the call must end in an exception, never in a made-up return value, so the
            // exception is made before anything else can go wrong.
            CallRejectedException rejected = new CallRejectedException(rejection.message());
            BulwarkLog.internalFault("creating the exception of a rejected call", fault,
                    "the call ended in a plain CallRejectedException");
            return rejected;
        }
    }
}
