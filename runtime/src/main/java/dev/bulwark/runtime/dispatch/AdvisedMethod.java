package dev.bulwark.runtime.dispatch;

import dev.bulwark.runtime.outcome.HttpRequests;
import dev.bulwark.runtime.rejection.ExceptionFactory;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A method the agent advised: what operators see in the {@code InstrumentedMethods} attribute, and what its
 * guarded calls throw or return when Bulwark ends them.
 */
public final class AdvisedMethod {
    private final String policyName;
    private final String signature;
    private final String returnTypeName;
    private final ExceptionFactory rejections;
    private final ExceptionFactory timeouts;
    private final WeakReference<ClassLoader> classLoader;
    private final boolean returnsStage;
    private final boolean sendsHttpRequest;
    // Per fallback object: a reload that changes the fallback brings a new one, so stale entries are never read.
    private final Map<Object, Object> fallbackResults = new ConcurrentHashMap<>();

    /**
     * @param policyName the policy guarding it
     * @param signature {@code class#method(parameter types)}
     * @param returnTypeName the erased return type, as {@link Class#getName()} spells it ({@code int}, {@code void}, ...)
     * @param rejections creates the exception a rejected call throws
     * @param timeouts creates the exception a timed-out call throws
     * @param classLoader the advised class's loader, {@code null} for the boot loader
     */
    public AdvisedMethod(String policyName, String signature, String returnTypeName, ExceptionFactory rejections,
                         ExceptionFactory timeouts, ClassLoader classLoader) {
        this.policyName = policyName;
        this.signature = signature;
        this.returnTypeName = returnTypeName;
        this.rejections = rejections;
        this.timeouts = timeouts;
        this.classLoader = new WeakReference<>(classLoader);
        this.returnsStage = returnTypeName.equals("java.util.concurrent.CompletionStage")
                || returnTypeName.equals("java.util.concurrent.CompletableFuture");
        this.sendsHttpRequest = signature.contains("(" + HttpRequests.REQUEST_TYPE + ",")
                || signature.contains("(" + HttpRequests.REQUEST_TYPE + ")");
    }

    /**
     * @return whether the method's first parameter is a {@code java.net.http.HttpRequest}, such as
     *     {@code HttpClient#send}: it is retried only for idempotent requests
     */
    public boolean sendsHttpRequest() {
        return sendsHttpRequest;
    }

    /**
     * @return whether the method returns a {@code CompletionStage} or {@code CompletableFuture}: its call ends when
     *     the stage completes, not when the method returns
     */
    public boolean returnsStage() {
        return returnsStage;
    }

    /** @return the policy guarding it */
    public String policyName() {
        return policyName;
    }

    /** @return {@code class#method(parameter types)} */
    public String signature() {
        return signature;
    }

    /** @return the erased return type's name */
    public String returnTypeName() {
        return returnTypeName;
    }

    /** @return the advised class's loader, {@code null} for the boot loader or once it has been collected */
    public ClassLoader classLoader() {
        return classLoader.get();
    }

    /** @return a new exception for a rejected call, of the type chosen for this method */
    public Throwable rejectionException(String message) {
        return rejections.create(message);
    }

    /** @return a new exception for a call rejected on a retry, the previous attempt's failure kept as its cause */
    public Throwable rejectionException(String message, Throwable cause) {
        return rejections.create(message, cause);
    }

    /** @return a new exception for a timed-out call, of the type chosen for this method, {@code cause} kept */
    public Throwable timeoutException(String message, Throwable cause) {
        return timeouts.create(message, cause);
    }

    /**
     * @param fallback the fallback asking
     * @param compute what the fallback returns from this method, computed once
     * @return what {@code compute} gave for {@code fallback}, computed on first use only
     */
    public Object fallbackResult(Object fallback, Function<AdvisedMethod, Object> compute) {
        return fallbackResults.computeIfAbsent(fallback, key -> compute.apply(this));
    }
}
