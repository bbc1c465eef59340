package dev.bulwark.runtime.fallback;

import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.rejection.ExceptionFactory;

/**
 * Throws an exception of a class the policy names instead of the call's failure, which stays attached as the
 * cause (or as a suppressed exception) so logs still show what failed.
 *
 * @param exceptionClassName a throwable with a public constructor taking a message
 */
public record ThrowingFallback(String exceptionClassName) implements Fallback {

    @Override
    public Object replace(Throwable failure, AdvisedMethod site, Object[] arguments) {
        ExceptionFactory factory = (ExceptionFactory) site.fallbackResult(this,
                method -> ExceptionFactory.forRejections(exceptionClassName, method.classLoader()));
        String message = "Bulwark policy '" + site.policyName() + "' fell back: "
                + (failure == null ? "the call returned a failed result" : String.valueOf(failure.getMessage()));
        return factory.create(message, failure);
    }
}
