package dev.bulwark.runtime.dispatch;

import dev.bulwark.runtime.rejection.RejectionExceptionFactory;

/**
 * A method the agent advised: what operators see in the {@code InstrumentedMethods} attribute, and how its
 * rejections are thrown.
 *
 * @param policyName the policy guarding it
 * @param signature {@code class#method(parameter types)}
 * @param rejections creates the exception a rejected call throws
 */
public record AdvisedMethod(String policyName, String signature, RejectionExceptionFactory rejections) {
}
