package dev.bulwark.runtime.fallback;

import dev.bulwark.runtime.dispatch.AdvisedMethod;

/** What a policy puts in place of a call's failure: another exception, or a value of the method's return type. */
public interface Fallback {

    /**
     * @param failure what the call would have thrown (a rejection, a timeout, the method's own exception), or
     *     {@code null} when it returned a value its policy counts as failed
     * @param site the advised method
     * @return a verdict of {@link dev.bulwark.runtime.guard.Verdicts}: a {@link Throwable} to throw, a
     *     {@link dev.bulwark.runtime.guard.ReplacedResult} to return, or {@code null} to leave the outcome as it is
     */
    Object replace(Throwable failure, AdvisedMethod site);
}
