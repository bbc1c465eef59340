package dev.bulwark.runtime.jmx;

import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.runtime.log.BulwarkLog;

/** Publishes one {@link CircuitBreaker} as a {@link CircuitBreakerMXBean}. */
public final class CircuitBreakerMBean implements CircuitBreakerMXBean {
    private final CircuitBreaker breaker;

    /** @param breaker the breaker to publish */
    public CircuitBreakerMBean(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public String getState() {
        return breaker.state().name();
    }

    @Override
    public float getFailureRate() {
        return breaker.metrics().failureRate();
    }

    @Override
    public int getBufferedCalls() {
        return breaker.metrics().bufferedCalls();
    }

    @Override
    public int getFailedCalls() {
        return breaker.metrics().failedCalls();
    }

    @Override
    public int getSuccessfulCalls() {
        return breaker.metrics().successfulCalls();
    }

    @Override
    public long getNotPermittedCalls() {
        return breaker.metrics().notPermittedCalls();
    }

    @Override
    public void forceOpen() {
        BulwarkLog.info("Operator forces circuit breaker '" + breaker.name() + "' open over JMX");
        breaker.forceOpen();
    }

    @Override
    public void forceClose() {
        BulwarkLog.info("Operator forces circuit breaker '" + breaker.name() + "' closed over JMX");
        breaker.forceClose();
    }

    @Override
    public void reset() {
        BulwarkLog.info("Operator resets circuit breaker '" + breaker.name() + "' over JMX");
        breaker.reset();
    }

    @Override
    public void disable() {
        BulwarkLog.info("Operator disables circuit breaker '" + breaker.name() + "' over JMX");
        breaker.disable();
    }
}
