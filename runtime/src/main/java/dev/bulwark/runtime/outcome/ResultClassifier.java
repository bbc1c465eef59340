package dev.bulwark.runtime.outcome;

/** Decides whether a value a method returned is a failure, as a policy's {@code failWhen} says. */
@FunctionalInterface
public interface ResultClassifier {

    /**
     * @param result what the method returned, possibly {@code null}
     * @return whether the call counts as failed: the breaker records it so, and a retry may try again
     */
    boolean isFailure(Object result);
}
