package dev.bulwark.runtime.jmx;

import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.log.BulwarkLog;

/** Publishes one {@link CircuitBreaker} as a {@link CircuitBreakerMXBean}. */
public final class CircuitBreakerMBean extends GuardView implements CircuitBreakerMXBean {

    /** @param guard the guard whose breaker to publish */
    public CircuitBreakerMBean(Guard guard) {
        super(guard);
    }

    private CircuitBreaker breaker() {
        return guard().circuitBreaker();
    }

    @Override
    public String getState() {
        return breaker().state().name();
    }

    @Override
    public float getFailureRate() {
        return breaker().metrics().failureRate();
    }

    @Override
    public int getBufferedCalls() {
        return breaker().metrics().bufferedCalls();
    }

    @Override
    public int getFailedCalls() {
        return breaker().metrics().failedCalls();
    }

    @Override
    public int getSuccessfulCalls() {
        return breaker().metrics().successfulCalls();
    }

    @Override
    public long getNotPermittedCalls() {
        return breaker().metrics().notPermittedCalls();
    }

    @Override
    public float getSlowCallRate() {
        return breaker().metrics().slowCallRate();
    }

    @Override
    public int getSlowCalls() {
        return breaker().metrics().slowCalls();
    }

    @Override
    public String getMode() {
        return guard().mode().name();
    }

    @Override
    public long getWouldHaveRejectedCalls() {
        return guard().observations().breakerRejections();
    }

    @Override
    public void forceOpen() {
        BulwarkLog.info("Operator forces circuit breaker '" + breaker().name() + "' open over JMX");
        breaker().forceOpen();
    }

    @Override
    public void forceClose() {
        BulwarkLog.info("Operator forces circuit breaker '" + breaker().name() + "' closed over JMX");
        breaker().forceClose();
    }

    @Override
    public void reset() {
        BulwarkLog.info("Operator resets circuit breaker '" + breaker().name() + "' over JMX");
        breaker().reset();
    }

    @Override
    public void disable() {
        BulwarkLog.info("Operator disables circuit breaker '" + breaker().name() + "' over JMX");
        breaker().disable();
    }
}
