package dev.bulwark.runtime.fallback;

import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.guard.ReplacedResult;
import dev.bulwark.runtime.log.BulwarkLog;

/**
 * Returns a fixed value instead of the call's failure. The value comes from the policy file and is converted to each
 * advised method's return type once; the agent has already checked that it converts when it advised the method.
 * Equal fallbacks share their conversions, so a reload that keeps the value converts nothing again.
 *
 * @param value as read from JSON: {@code null}, a Boolean, Long, Double, String, or an empty List or Map
 */
public record ValueFallback(Object value) implements Fallback {

    @Override
    public Object replace(Throwable failure, AdvisedMethod site, Object[] arguments) {
        Object result = site.fallbackResult(this, this::convertFor);
        return result instanceof ReplacedResult ? result : failure;
    }

    /** The converted value, or a marker that leaves the failure in place: a fallback must never break the call. */
    private Object convertFor(AdvisedMethod site) {
        try {
            return new ReplacedResult(FallbackValues.convert(value, site.returnTypeName(), site.classLoader()));
        } catch (IllegalArgumentException | LinkageError | ReflectiveOperationException e) {
            BulwarkLog.internalFault("converting the fallback value of policy '" + site.policyName() + "' for "
                    + site.signature(), e, "its calls end without the fallback until the policy's fallback changes");
            return Boolean.FALSE;
        }
    }
}
