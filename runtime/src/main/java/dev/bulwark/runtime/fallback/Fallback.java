package dev.bulwark.runtime.fallback;

import dev.bulwark.runtime.dispatch.AdvisedMethod;

/** What a policy puts in place of a call's failure: another exception, a fixed value, or an earlier result. */
public interface Fallback {

    /**
     * @param failure what the call would have thrown (a rejection, a timeout, the method's own exception), or
     *     {@code null} when it returned a value its policy counts as failed
     * @param site the advised method
     * @param arguments the call's arguments when {@link #needsArguments()}, else {@code null}
     * @return a verdict of {@link dev.bulwark.runtime.guard.Verdicts}: a {@link Throwable} to throw, a
     *     {@link dev.bulwark.runtime.guard.ReplacedResult} to return, or {@code null} to leave the outcome as it is
     */
    Object replace(Throwable failure, AdvisedMethod site, Object[] arguments);

    /** @return whether the advice must hand over each call's arguments, which costs an array per call */
    default boolean needsArguments() {
        return false;
    }

    /**
     * Told of every call that succeeded, when {@link #needsArguments()}.
     *
     * @param site the advised method
     * @param arguments the call's arguments, or {@code null} where the advice could not pass them
     * @param result what the method returned, boxed for primitives
     */
    default void onSuccess(AdvisedMethod site, Object[] arguments, Object result) {
    }
}
