package dev.bulwark.runtime.guard;

import dev.bulwark.policies.bulkhead.Bulkhead;
import dev.bulwark.policies.bulkhead.BulkheadConfig;
import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;
import dev.bulwark.policies.retry.Retry;
import dev.bulwark.policies.retry.RetryConfig;
import dev.bulwark.policies.time.NanoClock;
import dev.bulwark.policies.timeout.FixedTimeoutConfig;
import dev.bulwark.policies.timeout.Timeout;
import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.fallback.ValueFallback;
import dev.bulwark.runtime.rejection.CallRejectedException;
import dev.bulwark.runtime.rejection.CallTimedOutException;
import dev.bulwark.runtime.rejection.ExceptionFactory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The order the guard runs its kinds in, seen through what calls end with. */
class GuardPipelineTest {
    private static final AdvisedMethod SITE = new AdvisedMethod("orders", "Orders#find()", "java.lang.String",
            ExceptionFactory.forRejections(null, null), ExceptionFactory.forTimeouts(null, null), null);
    private static final AdvisedMethod STAGE_SITE = new AdvisedMethod("orders", "Orders#findAsync()",
            "java.util.concurrent.CompletableFuture", ExceptionFactory.forRejections(null, null),
            ExceptionFactory.forTimeouts(null, null), null);
    private static final IllegalStateException DOWN = new IllegalStateException("down");

    private final CircuitBreaker breaker = CircuitBreaker.create("orders", CircuitBreakerConfig.builder()
            .slidingWindowSize(2).minimumNumberOfCalls(2).build(), NanoClock.SYSTEM,
            CircuitBreaker.StateTransitionListener.NONE);
    /** A breaker that only counts here: resilience4j's defaults need 100 calls before it could open. */
    private final CircuitBreaker breakerDefaults = CircuitBreaker.create("orders", CircuitBreakerConfig.defaults(),
            NanoClock.SYSTEM, CircuitBreaker.StateTransitionListener.NONE);
    private final Retry retry = Retry.create("orders", RetryConfig.builder().maxAttempts(5)
            .waitDuration(Duration.ZERO).build(), NanoClock.SYSTEM);

    @Test
    void retryAsksTheBreakerBeforeEveryAttemptAndStopsWhenItOpens() {
        Guard guard = Guard.builder("orders").circuitBreaker(breaker).retry(retry).build();

        GuardCall call = (GuardCall) guard.enter();
        assertThat(guard.exitAttempt(call, null, DOWN, SITE)).isSameAs(Verdicts.REPEAT);
        Throwable verdict = (Throwable) guard.exitAttempt(call, null, DOWN, SITE);

        assertThat(verdict).isInstanceOf(CallRejectedException.class)
                .hasMessage("Bulwark policy 'orders' rejected the call: circuit breaker is OPEN");
        assertThat(retry.metrics().failedCallsWithRetryAttempt()).isEqualTo(1);
    }

    @Test
    void aRejectedCallNeverStartsARetry() {
        Guard guard = Guard.builder("orders").circuitBreaker(breaker).retry(retry).build();
        breaker.forceOpen();

        Object token = guard.enter();

        assertThat(token).isInstanceOf(Rejection.class);
        assertThat(guard.exitRejected((Rejection) token, SITE)).isInstanceOf(CallRejectedException.class);
        assertThat(retry.metrics().retryAttempts()).isZero();
    }

    @Test
    void fallbackSeesTheOutcomeAfterTheLastRetry() {
        Retry twice = Retry.create("orders", RetryConfig.builder().maxAttempts(2).waitDuration(Duration.ZERO).build(),
                NanoClock.SYSTEM);
        Guard guard = Guard.builder("orders").retry(twice).fallback(new ValueFallback("none")).build();

        GuardCall call = (GuardCall) guard.enter();
        assertThat(guard.exitAttempt(call, null, DOWN, SITE)).isSameAs(Verdicts.REPEAT);

        assertThat(guard.exitAttempt(call, null, DOWN, SITE)).isEqualTo(new ReplacedResult("none"));
        assertThat(twice.metrics().failedCallsWithRetryAttempt()).isEqualTo(1);
    }

    @Test
    void eachAttemptHoldsABulkheadPermitOnlyWhileItRuns() {
        Bulkhead bulkhead = Bulkhead.create("orders", BulkheadConfig.builder().maxConcurrentCalls(1).build());
        Guard guard = Guard.builder("orders").retry(retry).bulkhead(bulkhead).build();

        GuardCall call = (GuardCall) guard.enter();
        assertThat(bulkhead.availableConcurrentCalls()).isZero();
        assertThat(guard.exitAttempt(call, null, DOWN, SITE)).isSameAs(Verdicts.REPEAT);
        assertThat(bulkhead.availableConcurrentCalls()).isZero();
        assertThat(guard.exitAttempt(call, "found", null, SITE)).isNull();

        assertThat(bulkhead.availableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void aResultCountedAsFailedIsRecordedAndRetriedButReturnedWhenRetriesRunOut() {
        Retry twice = Retry.create("orders", RetryConfig.builder().maxAttempts(2).waitDuration(Duration.ZERO).build(),
                NanoClock.SYSTEM);
        Guard guard = Guard.builder("orders").circuitBreaker(breaker).retry(twice)
                .failWhen(result -> "busy".equals(result)).build();

        GuardCall call = (GuardCall) guard.enter();
        assertThat(guard.exitAttempt(call, "busy", null, SITE)).isSameAs(Verdicts.REPEAT);
        assertThat(guard.exitAttempt(call, "busy", null, SITE)).isNull();

        assertThat(breaker.metrics().failedCalls()).isEqualTo(2);
    }

    @Test
    void aConnectionKeptFromTheCallerIsClosedAndTheOneItGetsIsNot() {
        Retry twice = Retry.create("orders", RetryConfig.builder().maxAttempts(2).waitDuration(Duration.ZERO).build(),
                NanoClock.SYSTEM);
        Set<Connection> busy = new HashSet<>();
        Set<Connection> closed = new HashSet<>();
        Guard guard = Guard.builder("orders").retry(twice).failWhen(busy::contains).build();
        Connection first = connection(closed);
        Connection second = connection(closed);
        busy.add(first);

        GuardCall call = (GuardCall) guard.enter();
        assertThat(guard.exitAttempt(call, first, null, SITE)).isSameAs(Verdicts.REPEAT);
        assertThat(guard.exitAttempt(call, second, null, SITE)).isNull();

        assertThat(closed).containsExactly(first);
    }

    @Test
    void aFailedConnectionAFallbackReplacesIsClosed() {
        Set<Connection> closed = new HashSet<>();
        Guard guard = Guard.builder("orders").failWhen(result -> true).fallback(new ValueFallback("none")).build();
        Connection failed = connection(closed);

        GuardCall call = (GuardCall) guard.enter();

        assertThat(guard.exitAttempt(call, failed, null, SITE)).isEqualTo(new ReplacedResult("none"));
        assertThat(closed).containsExactly(failed);
    }

    @Test
    void aConnectionWhoseRetryTheBreakerRefusesIsClosedToo() {
        Set<Connection> closed = new HashSet<>();
        Guard guard = Guard.builder("orders").circuitBreaker(breaker).retry(retry).failWhen(result -> true).build();
        Connection first = connection(closed);
        Connection second = connection(closed);

        GuardCall call = (GuardCall) guard.enter();
        assertThat(guard.exitAttempt(call, first, null, SITE)).isSameAs(Verdicts.REPEAT);
        assertThat(guard.exitAttempt(call, second, null, SITE)).isInstanceOf(CallRejectedException.class);

        assertThat(closed).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aConnectionTheCallerStillGetsIsNeverClosed() {
        Set<Connection> closed = new HashSet<>();
        Connection shared = connection(closed);
        Guard sameValue = Guard.builder("orders").failWhen(result -> true)
                .fallback((failure, site, arguments) -> new ReplacedResult(shared)).build();
        Guard leftAsItIs = Guard.builder("orders").failWhen(result -> true)
                .fallback((failure, site, arguments) -> null).build();
        Guard observing = Guard.builder("orders").mode(Mode.OBSERVE).retry(retry).failWhen(result -> true)
                .fallback(new ValueFallback("none")).build();

        assertThat(sameValue.exitAttempt((GuardCall) sameValue.enter(), shared, null, SITE))
                .isEqualTo(new ReplacedResult(shared));
        assertThat(leftAsItIs.exitAttempt((GuardCall) leftAsItIs.enter(), shared, null, SITE)).isNull();
        assertThat(observing.exitAttempt((GuardCall) observing.enter(), shared, null, SITE)).isNull();

        assertThat(closed).isEmpty();
    }

    @Test
    void aGuardToldNotToReleaseLeavesWhatItDropsAlone() {
        Set<Connection> closed = new HashSet<>();
        Guard guard = Guard.builder("orders").releasesDroppedResults(false).retry(retry).failWhen(result -> true)
                .fallback(new ValueFallback("none")).build();

        GuardCall call = (GuardCall) guard.enter();
        assertThat(guard.exitAttempt(call, connection(closed), null, SITE)).isSameAs(Verdicts.REPEAT);
        assertThat(guard.exitAttempt(call, connection(closed), null, SITE)).isSameAs(Verdicts.REPEAT);

        assertThat(closed).isEmpty();
    }

    @Test
    void observeModeLetsARejectedCallThroughAndCountsIt() {
        Guard guard = Guard.builder("orders").mode(Mode.OBSERVE).circuitBreaker(breaker)
                .fallback(new ValueFallback("none")).build();
        breaker.forceOpen();

        Object token = guard.enter();

        assertThat(token).isInstanceOf(GuardCall.class);
        assertThat(guard.exitAttempt((GuardCall) token, null, DOWN, SITE)).isNull();
        assertThat(guard.observations().breakerRejections()).isEqualTo(1);
        assertThat(guard.observations().fallbacks()).isEqualTo(1);
    }

    @Test
    void aCallNestedInOneThatStartedBeforeAReloadStillCountsAsNested() {
        Guard before = Guard.builder("orders").circuitBreaker(breaker).build();
        GuardCall outer = (GuardCall) before.enter();

        Guard after = Guard.builder("orders").circuitBreaker(breaker).succeeding(before).build();
        Object inner = after.enter();
        ((NestedCall) inner).exit();
        before.exitAttempt(outer, null, null, SITE);

        assertThat(inner).isInstanceOf(NestedCall.class);
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(1);
        assertThat(after.enter()).isInstanceOf(GuardCall.class);
    }

    @Test
    void aCallInsideACallOfTheSamePolicyIsRecordedOnce() {
        Guard guard = Guard.builder("orders").circuitBreaker(breaker).build();

        GuardCall outer = (GuardCall) guard.enter();
        Object inner = guard.enter();
        ((NestedCall) inner).exit();
        guard.exitAttempt(outer, null, null, SITE);

        assertThat(inner).isInstanceOf(NestedCall.class);
        assertThat(breaker.metrics().bufferedCalls()).isEqualTo(1);
    }

    @Test
    void aStageTimedOutFailsTheCallersFutureAndCancelsTheMethodsOwnWhereThatStopsItsWork() {
        Guard guard = Guard.builder("orders").timeout(timeout(Duration.ofMillis(20))).build();
        CompletableFuture<Object> own = new CancellingFuture<>();

        CompletableFuture<?> callers = callersFuture(guard, own);

        assertThatThrownBy(() -> callers.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CallTimedOutException.class);
        assertThatThrownBy(() -> own.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    @Test
    void aPlainFutureIsLeftToCompleteAndAResultThatArrivesAfterTheDeadlineIsReleased() throws Exception {
        Set<Connection> closed = new HashSet<>();
        Guard guard = Guard.builder("orders").timeout(timeout(Duration.ofMillis(20))).build();
        CompletableFuture<Object> own = new CompletableFuture<>();

        CompletableFuture<?> callers = callersFuture(guard, own);
        assertThatThrownBy(() -> callers.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CallTimedOutException.class);
        Connection late = connection(closed);

        assertThat(own.complete(late)).isTrue();
        assertThat(closed).containsExactly(late);
    }

    @Test
    void aStageCompletedInTimeGivesTheCallerItsResultOpen() throws Exception {
        Set<Connection> closed = new HashSet<>();
        Guard guard = Guard.builder("orders").timeout(timeout(Duration.ofHours(1))).build();
        CompletableFuture<Object> own = new CompletableFuture<>();
        Connection connection = connection(closed);

        CompletableFuture<?> callers = callersFuture(guard, own);
        own.complete(connection);

        assertThat(callers.get(10, TimeUnit.SECONDS)).isSameAs(connection);
        assertThat(closed).isEmpty();
    }

    @Test
    void aFutureAlreadyCompleteIsHandedBackAsItIsAndCounted() {
        Guard guard = Guard.builder("orders").circuitBreaker(breakerDefaults).timeout(timeout(Duration.ofMillis(20)))
                .build();

        Object verdict = guard.exitAttempt((GuardCall) guard.enter(), CompletableFuture.completedFuture("cached"),
                null, STAGE_SITE);

        assertThat(verdict).isNull();
        assertThat(breakerDefaults.metrics().successfulCalls()).isEqualTo(1);
    }

    @Test
    void theCallersCancellationReachesTheMethodsFutureWhereThatStopsItsWork() {
        Guard guard = Guard.builder("orders").timeout(timeout(Duration.ofHours(1))).build();
        CompletableFuture<Object> own = new CancellingFuture<>();

        callersFuture(guard, own).cancel(true);

        assertThat(own).isCancelled();
    }

    @Test
    void aReadOnlyStageIsTimedOutThroughAReadOnlyStageOfBulwarksOwnAndCounted() {
        Guard guard = Guard.builder("orders").circuitBreaker(breakerDefaults).timeout(timeout(Duration.ofMillis(20)))
                .build();
        CompletableFuture<Object> producer = new CompletableFuture<>();
        CompletionStage<Object> readOnly = producer.minimalCompletionStage();

        Object verdict = guard.exitAttempt((GuardCall) guard.enter(), readOnly, null, STAGE_SITE);

        assertThat(verdict).isInstanceOf(ReplacedResult.class);
        CompletionStage<?> callers = (CompletionStage<?>) ((ReplacedResult) verdict).value();
        // Read-only as the method's was: the caller cannot complete it.
        assertThatThrownBy(() -> ((CompletableFuture<?>) callers).complete(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> callers.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CallTimedOutException.class);
        // Recorded by a callback of the failed stage, which may run after the caller's wait has ended.
        await().atMost(Duration.ofSeconds(10)).until(() -> breakerDefaults.metrics().failedCalls() == 1);
    }

    /** The future the caller of a method that returned {@code own} gets back. */
    private static CompletableFuture<?> callersFuture(Guard guard, CompletableFuture<Object> own) {
        Object verdict = guard.exitAttempt((GuardCall) guard.enter(), own, null, STAGE_SITE);
        assertThat(verdict).isInstanceOf(ReplacedResult.class);
        assertThat(((ReplacedResult) verdict).value()).isNotSameAs(own);
        return (CompletableFuture<?>) ((ReplacedResult) verdict).value();
    }

    /** A future whose class defines {@code cancel}, as the JDK {@code HttpClient}'s do to abort an exchange. */
    private static final class CancellingFuture<T> extends CompletableFuture<T> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return super.cancel(mayInterruptIfRunning);
        }
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.create("orders", new FixedTimeoutConfig(duration));
    }

    /** A JDBC connection that adds itself to {@code closed} when closed; nothing here needs a database. */
    private static Connection connection(Set<Connection> closed) {
        return (Connection) Proxy.newProxyInstance(GuardPipelineTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "close" -> closed.add((Connection) proxy);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> null;
                });
    }
}
