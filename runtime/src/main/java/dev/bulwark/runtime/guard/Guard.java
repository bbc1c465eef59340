package dev.bulwark.runtime.guard;

import dev.bulwark.policies.bulkhead.Bulkhead;
import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerState;
import dev.bulwark.policies.ratelimiter.RateLimiter;
import dev.bulwark.policies.retry.Retry;
import dev.bulwark.policies.timeout.AdaptiveTimeoutConfig;
import dev.bulwark.policies.timeout.Timeout;
import dev.bulwark.policies.timeout.Watchdog;
import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.fallback.Fallback;
import dev.bulwark.runtime.log.BulwarkLog;
import dev.bulwark.runtime.outcome.DroppedResults;
import dev.bulwark.runtime.outcome.HttpRequests;
import dev.bulwark.runtime.outcome.ResultClassifier;

import java.util.EnumMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The live protection of one policy: the kinds it configures, run in one fixed order, the only place that
 * decides it:
 *
 * <pre>  Fallback › Retry › CircuitBreaker › RateLimiter › Timeout › Bulkhead › method body</pre>
 *
 * <p>So a retry asks the breaker again before every attempt and never retries a rejection; the breaker records
 * each attempt, timeouts included; the timeout covers the wait for a bulkhead permit; the fallback sees the call's
 * final outcome. Any kind may be absent. A guard is immutable: a reload builds a new one around the kinds that
 * keep their state.
 */
public final class Guard {
    private final String policyName;
    private final Mode mode;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Timeout timeout;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final Fallback fallback;
    private final ResultClassifier failWhen;
    private final boolean releasesDroppedResults;
    private final Observations observations;
    private final Watchdog watchdog;
    private final boolean readsClockAtStart;
    private final boolean measuresDuration;
    private final boolean breakerOnly;
    // Enforcing with no failWhen: a method that returns succeeded, unless it overran.
    private final boolean returnsAreSuccesses;
    private final boolean classifiesResults;
    private final ThreadCalls calls;
    private final NestedCall nestedCall;
    private final EnumMap<CircuitBreakerState, Rejection> breakerRejections = new EnumMap<>(CircuitBreakerState.class);
    private final Rejection rateLimited;
    private final Rejection bulkheadFull;

    private Guard(Builder builder) {
        this.policyName = builder.policyName;
        this.mode = builder.mode;
        this.releasesDroppedResults = builder.releasesDroppedResults;
        this.circuitBreaker = builder.circuitBreaker;
        this.rateLimiter = builder.rateLimiter;
        this.timeout = builder.timeout;
        this.bulkhead = builder.bulkhead;
        this.retry = builder.retry;
        this.fallback = builder.fallback;
        this.failWhen = builder.failWhen;
        this.observations = builder.observations;
        this.calls = builder.calls;
        this.nestedCall = new NestedCall(calls);
        // Looked up once: each lookup checks that the watchdog's thread is alive.
        this.watchdog = timeout == null ? null : Watchdog.shared();
        // A fixed timeout needs no duration when it enforces: the watchdog tells whether the call overran.
        this.measuresDuration = timeout != null
                && (mode == Mode.OBSERVE || timeout.config() instanceof AdaptiveTimeoutConfig)
                || circuitBreaker != null && tracksSlowCalls(circuitBreaker.config());
        // One reading serves the timeout's deadline, the retry budget's second and the start of the duration.
        this.readsClockAtStart = measuresDuration || timeout != null || retry != null;
        this.returnsAreSuccesses = mode == Mode.ENFORCE && failWhen == null;
        this.classifiesResults = failWhen != null || fallback != null && fallback.needsArguments();
        this.breakerOnly = circuitBreaker != null && rateLimiter == null && timeout == null && bulkhead == null
                && retry == null && fallback == null && failWhen == null;
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            breakerRejections.put(state, new Rejection(this, "circuit breaker is " + state));
        }
        this.rateLimited = new Rejection(this, "rate limit reached");
        this.bulkheadFull = new Rejection(this, "bulkhead is full");
    }

    /** @return a builder for the guard of {@code policyName}, in {@link Mode#ENFORCE} with no kind yet */
    public static Builder builder(String policyName) {
        return new Builder(policyName);
    }

    /** @return a guard with only a circuit breaker, enforcing */
    public static Guard ofCircuitBreaker(String policyName, CircuitBreaker circuitBreaker) {
        return builder(policyName).circuitBreaker(circuitBreaker).build();
    }

    /** @return the policy's name from the policy file */
    public String policyName() {
        return policyName;
    }

    /** @return whether the policy acts on calls or only watches them */
    public Mode mode() {
        return mode;
    }

    /** @return the circuit breaker, or {@code null} when the policy has none */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** @return the rate limiter, or {@code null} */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** @return the timeout, or {@code null} */
    public Timeout timeout() {
        return timeout;
    }

    /** @return the bulkhead, or {@code null} */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /** @return the retry, or {@code null} */
    public Retry retry() {
        return retry;
    }

    /** @return what the policy would have done in {@link Mode#OBSERVE} */
    public Observations observations() {
        return observations;
    }

    /**
     * Whether a breaker's slow-call settings were given. Measuring a call takes a clock read at each end, on some
     * machines the largest part of a guarded call's cost; with resilience4j's defaults (100 % of calls slower than
     * 60 s) slow calls would open a breaker only if every call in its window hung for a minute, which a timeout
     * catches first and cheaper.
     */
    private static boolean tracksSlowCalls(CircuitBreakerConfig config) {
        return config.slowCallRateThreshold() < 100
                || !config.slowCallDurationThreshold().equals(CircuitBreakerConfig.DEFAULT_SLOW_CALL_DURATION_THRESHOLD);
    }

    boolean classifiesResults() {
        return classifiesResults;
    }


    /**
     * Starts a call to an advised method.
     *
     * @return a {@link GuardCall} for an outermost call that may go ahead, a {@link NestedCall} for a call inside
     *     another call of this policy on the same thread, a {@link Rejection}, or {@code null} when there is nothing
     *     to decide or record (a lone breaker, disabled)
     */
    public Object enter() {
        return enter(null);
    }

    /**
     * Starts a call to an advised method, keeping its arguments for a fallback that needs them.
     *
     * @param arguments the call's arguments, or {@code null}
     * @return as {@link #enter()}
     */
    public Object enter(Object[] arguments) {
        if (breakerOnly && circuitBreaker.state() == CircuitBreakerState.DISABLED) {
            // Nothing is decided or recorded, so nesting needs no tracking: the call costs a read.
            return null;
        }
        GuardCall call = calls.get();
        if (call.depth > 0) {
            call.depth++;
            return nestedCall;
        }
        // Reference fields are written only when they change: with G1 each write of one costs two barriers.
        if (call.guard != this) {
            call.guard = this;
        }
        if (arguments != call.arguments) {
            call.arguments = arguments;
        }
        try {
            // Counted only once permitted: a rejection must leave no depth behind, or every later call on this
            // thread would pass as nested, unguarded.
            Rejection rejection = startAttempt(call);
            if (rejection != null) {
                return rejection;
            }
            call.depth = 1;
            call.attempts = 1;
            if (retry != null) {
                retry.onCallStarted(call.attemptStartNanos);
            }
            return call;
        } catch (RuntimeException | Error fault) {
            // Nothing may stay armed, held or nested behind a call that goes ahead unguarded.
            abandon(call);
            throw fault;
        }
    }

    /** Takes what an attempt needs, in pipeline order; gives back what it took when a later kind refuses. */
    private Rejection startAttempt(GuardCall call) {
        boolean enforcing = mode == Mode.ENFORCE;
        call.holdsBreakerPermission = false;
        call.holdsBulkheadPermit = false;
        if (call.alarm != null) {
            call.alarm = null;
        }
        long now = readsClockAtStart ? System.nanoTime() : 0;
        if (circuitBreaker != null) {
            if (circuitBreaker.tryAcquirePermission()) {
                call.holdsBreakerPermission = true;
            } else if (enforcing) {
                return breakerRejections.get(circuitBreaker.state());
            } else {
                observations.breakerWouldReject();
            }
        }
        if (rateLimiter != null && !rateLimiter.acquirePermission()) {
            if (enforcing) {
                releaseBreakerPermission(call);
                return rateLimited;
            }
            observations.rateLimiterWouldReject();
        }
        if (timeout != null && enforcing) {
            call.alarm = watchdog.armUntil(now + timeout.currentTimeoutNanos());
        }
        if (bulkhead != null) {
            if (bulkhead.tryAcquirePermission()) {
                call.holdsBulkheadPermit = true;
            } else if (enforcing) {
                // A deadline that passed while waiting for a permit ends the wait; either way the call is refused.
                disarm(call);
                releaseBreakerPermission(call);
                return bulkheadFull;
            } else {
                observations.bulkheadWouldReject();
            }
        }
        // A wait for a bulkhead's permit is not the call's duration.
        call.attemptStartNanos = measuresDuration && bulkhead != null ? System.nanoTime() : now;
        return null;
    }

    private void releaseBreakerPermission(GuardCall call) {
        if (call.holdsBreakerPermission) {
            call.holdsBreakerPermission = false;
            circuitBreaker.releasePermission();
        }
    }

    private static boolean disarm(GuardCall call) {
        Watchdog.Alarm alarm = call.alarm;
        if (alarm == null) {
            return false;
        }
        call.alarm = null;
        return alarm.disarm();
    }

    /**
     * Ends an attempt of an outermost call: records its outcome and decides what the call does next.
     *
     * @param call the token {@link #enter()} returned
     * @param result what the body returned ({@code null} for a primitive unless {@link GuardCall#needsResult()});
     *     released when the verdict keeps it from the caller
     * @param thrown what the body threw, or {@code null}
     * @param site the advised method
     * @return a verdict, see {@link Verdicts}
     */
    public Object exitAttempt(GuardCall call, Object result, Throwable thrown, AdvisedMethod site) {
        if (thrown != null || !returnsAreSuccesses || site.returnsStage()) {
            return exitAttemptInFull(call, result, thrown, site);
        }
        // The common case, kept small enough for the JIT to inline into the advised method: a return, which only
        // a timeout can turn into a failure.
        long duration = measuresDuration ? System.nanoTime() - call.attemptStartNanos : 0;
        releaseBulkheadPermit(call);
        if (disarm(call)) {
            return judge(call, result, null, duration, true, site);
        }
        if (measuresDuration && timeout != null) {
            timeout.recordLatency(duration);
        }
        if (call.holdsBreakerPermission) {
            call.holdsBreakerPermission = false;
            circuitBreaker.onSuccess(duration);
        }
        return finish(call, result, null, false, false, site);
    }

    private Object exitAttemptInFull(GuardCall call, Object result, Throwable thrown, AdvisedMethod site) {
        if (thrown == null && site.returnsStage() && result instanceof CompletionStage) {
            return endWhenComplete(call, (CompletionStage<?>) result, site);
        }
        long duration = measuresDuration ? System.nanoTime() - call.attemptStartNanos : 0;
        releaseBulkheadPermit(call);
        return judge(call, result, thrown, duration, disarm(call), site);
    }

    private void releaseBulkheadPermit(GuardCall call) {
        if (call.holdsBulkheadPermit) {
            call.holdsBulkheadPermit = false;
            bulkhead.onComplete();
        }
    }

    /** Records an attempt that ended, its permits given back, and decides: repeat, replace, or let it stand. */
    private Object judge(GuardCall call, Object result, Throwable thrown, long duration, boolean timedOut,
                         AdvisedMethod site) {
        boolean enforcing = mode == Mode.ENFORCE;
        Throwable failure = thrown;
        if (timedOut) {
            timeout.onTimeout();
            // A late result is discarded: the caller was promised an answer by the deadline.
            long overran = measuresDuration ? duration : System.nanoTime() - call.attemptStartNanos;
            failure = site.timeoutException("Bulwark policy '" + policyName + "' timed out the call after "
                    + overran / 1_000_000 + " ms", thrown);
        } else if (timeout != null && !enforcing && duration > timeout.currentTimeoutNanos()) {
            observations.timeoutWouldFire();
        }
        boolean failedResult = failure == null && failWhen != null && failWhen.isFailure(result);
        if (measuresDuration && timeout != null && failure == null && !failedResult) {
            // Only successes teach an adaptive deadline: fast failures (a refused connection) would pull it down.
            timeout.recordLatency(duration);
        }
        record(call, duration, failure, failedResult);
        boolean failed = failure != null || failedResult;
        if (failed && retry != null && mayRepeat(call, site)) {
            long wait = retry.nextAttemptWaitNanos(call.attempts, failure);
            if (wait >= 0 && !enforcing) {
                observations.retryWouldHappen();
            } else if (wait >= 0 && pause(wait)) {
                Rejection rejection = startAttempt(call);
                if (rejection == null) {
                    call.attempts++;
                    // Released only now: should Bulwark fail before this, the call goes ahead with the result intact.
                    release(result);
                    return Verdicts.REPEAT;
                }
                failure = site.rejectionException(rejection.message(), failure);
            }
        }
        Object verdict = finish(call, result, failure, failed, failure != thrown, site);
        if (site.returnsStage() && verdict instanceof Throwable) {
            // The method's synchronous part failed for Bulwark's reasons: its caller looks for failures on the stage.
            return new ReplacedResult(CompletableFuture.failedFuture((Throwable) verdict));
        }
        return dropping(result, verdict);
    }

    /**
     * Releases a result the caller will not get (see {@link DroppedResults}): a pooled connection the caller never
     * sees would otherwise stay checked out for good.
     */
    private void release(Object result) {
        if (releasesDroppedResults) {
            DroppedResults.release(result);
        }
    }

    /** Releases the attempt's result when {@code verdict} (a fallback's value, a rejection) keeps it from the caller. */
    private Object dropping(Object result, Object verdict) {
        if (result != null && verdict != null
                && !(verdict instanceof ReplacedResult && ((ReplacedResult) verdict).value() == result)) {
            release(result);
        }
        return verdict;
    }

    /**
     * Ends a call whose method returned a stage: its outcome is the stage's, recorded when it completes. Such a call
     * is not retried and has no fallback: the caller already holds the stage. With a deadline, the caller gets a
     * stage of Bulwark's own (see {@link #deadlineFuture}).
     */
    private Object endWhenComplete(GuardCall call, CompletionStage<?> stage, AdvisedMethod site) {
        long started = call.attemptStartNanos;
        int attempts = call.attempts;
        boolean breakerPermission = call.holdsBreakerPermission;
        boolean bulkheadPermit = call.holdsBulkheadPermit;
        // The method has returned its stage; from here on the deadline belongs to the stage, not to the thread.
        disarm(call);
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletionStage<?> handed = stage;
        Watchdog.Cancellable deadline = null;
        try {
            boolean readOnly = StageKinds.isReadOnly(stage);
            if (timeout != null && mode == Mode.ENFORCE && stage instanceof CompletableFuture
                    && (readOnly || !((CompletableFuture<?>) stage).isDone())) {
                CompletableFuture<Object> own = asObjectFuture(stage);
                CompletableFuture<Object> callers = deadlineFuture(own, readOnly);
                deadline = scheduleDeadline(callers, own, readOnly, started, timedOut, site);
                Watchdog.Cancellable due = deadline;
                callers.whenComplete((value, error) -> {
                    // A call that ends first lets go of the deadline, and with it of both stages and the result.
                    due.cancel();
                    recordCompletion(started, attempts, breakerPermission, bulkheadPermit, timedOut.get(), value,
                            error);
                });
                handed = readOnly ? callers.minimalCompletionStage() : callers;
            } else {
                stage.whenComplete((value, error) -> recordCompletion(started, attempts, breakerPermission,
                        bulkheadPermit, timedOut.get(), value, error));
            }
        } catch (RuntimeException | Error fault) {
            // The permits stay on the call for the dispatcher to give back, and the caller gets the method's own
            // stage; the deadline must not fire later.
            if (deadline != null) {
                deadline.cancel();
            }
            throw fault;
        }
        call.holdsBreakerPermission = false;
        call.holdsBulkheadPermit = false;
        call.depth = 0;
        call.arguments = null;
        return handed == stage ? null : new ReplacedResult(handed);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> asObjectFuture(CompletionStage<?> stage) {
        return (CompletableFuture<Object>) stage;
    }

    /**
     * The future the caller gets instead of the method's own when a deadline applies: it completes as the method's
     * does, or at the deadline with the timeout exception. Failing the method's own future instead, as before, would
     * leave the work behind it running and a result it delivers later lost unseen. Made by the method's future's
     * {@code newIncompleteFuture()}, so of its class where that class says so (the JDK {@code HttpClient}'s carry
     * what aborts their exchange to every future made so); a plain one for a read-only stage, which the caller then
     * gets read-only too. A result that arrives once the caller's future has failed (or been cancelled by the caller)
     * is released; a cancellation by the caller reaches the method's future where that can stop work (see
     * {@link StageKinds}).
     */
    private CompletableFuture<Object> deadlineFuture(CompletableFuture<Object> own, boolean readOnly) {
        CompletableFuture<Object> callers = readOnly ? new CompletableFuture<>() : own.newIncompleteFuture();
        own.whenComplete((value, error) -> {
            if (error != null) {
                callers.completeExceptionally(error);
            } else if (!callers.complete(value)) {
                release(value);
            }
        });
        if (!readOnly && StageKinds.cancelStopsWork(own)) {
            callers.whenComplete((value, error) -> {
                if (callers.isCancelled()) {
                    cancelQuietly(own);
                }
            });
        }
        return callers;
    }

    /**
     * Fails the caller's future at its deadline, and cancels the method's where that stops its work. The watchdog
     * only hands the completion over: the stages the application chained without an executor run on the completing
     * thread, which must not be the watchdog's.
     */
    private Watchdog.Cancellable scheduleDeadline(CompletableFuture<Object> callers, CompletableFuture<Object> own,
                                                  boolean readOnly, long started, AtomicBoolean timedOut,
                                                  AdvisedMethod site) {
        long left = Math.max(0, timeout.currentTimeoutNanos() - (System.nanoTime() - started));
        return watchdog.schedule(left, () -> ForkJoinPool.commonPool().execute(() -> {
            try {
                Throwable exception = site.timeoutException("Bulwark policy '" + policyName
                        + "' timed out the call", null);
                // Set first: the completion runs this guard's own callback, which must know the call timed out.
                timedOut.set(true);
                if (callers.completeExceptionally(exception)) {
                    timeout.onTimeout();
                    if (!readOnly && StageKinds.cancelStopsWork(own)) {
                        cancelQuietly(own);
                    }
                } else {
                    timedOut.set(false);
                }
            } catch (RuntimeException | Error fault) {
                BulwarkLog.internalFault("ending an asynchronous call at its deadline", fault,
                        "the call's stage may complete later than its deadline, or its work may go on");
            }
        }));
    }

    private static void releaseQuietly(CircuitBreaker breaker) {
        try {
            breaker.releasePermission();
        } catch (RuntimeException | Error alsoFailed) {
            // Already on the path of a fault, which is reported.
        }
    }

    /** Cancels a future whose class defines how; the stage's own failure to cancel is no concern of the caller's. */
    private static void cancelQuietly(CompletableFuture<?> future) {
        try {
            future.cancel(true);
        } catch (RuntimeException | Error fault) {
            BulwarkLog.internalFault("cancelling the stage of an asynchronous call", fault,
                    "the work behind it may go on");
        }
    }

    private void recordCompletion(long started, int attempts, boolean breakerPermission, boolean bulkheadPermit,
                                  boolean timedOut, Object value, Throwable error) {
        boolean breakerPermissionHeld = breakerPermission;
        try {
            if (bulkheadPermit) {
                bulkhead.onComplete();
            }
            long duration = measuresDuration ? System.nanoTime() - started : 0;
            boolean failedResult = error == null && failWhen != null && failWhen.isFailure(value);
            if (timeout != null && !timedOut) {
                if (error == null && !failedResult) {
                    timeout.recordLatency(duration);
                }
                if (mode == Mode.OBSERVE && duration > timeout.currentTimeoutNanos()) {
                    observations.timeoutWouldFire();
                }
            }
            if (breakerPermission) {
                breakerPermissionHeld = false;
                if (error != null) {
                    circuitBreaker.onError(duration, error);
                } else if (failedResult) {
                    circuitBreaker.onFailure(duration);
                } else {
                    circuitBreaker.onSuccess(duration);
                }
            }
            if (retry != null) {
                retry.onCallFinished(attempts, error == null && !failedResult);
            }
        } catch (RuntimeException | Error fault) {
            if (breakerPermissionHeld) {
                // A half-open breaker lets only a few trial calls through: one never given back would hold it there.
                releaseQuietly(circuitBreaker);
            }
            BulwarkLog.internalFault("recording the outcome of an asynchronous call", fault,
                    "its outcome stands, and its policy may not have counted it");
        }
    }

    /** A POST or PATCH must not reach the server twice: an HTTP request is sent again only when idempotent. */
    private static boolean mayRepeat(GuardCall call, AdvisedMethod site) {
        return !site.sendsHttpRequest() || HttpRequests.isIdempotent(call.arguments);
    }

    private void record(GuardCall call, long duration, Throwable failure, boolean failedResult) {
        if (!call.holdsBreakerPermission) {
            return;
        }
        call.holdsBreakerPermission = false;
        if (failure != null) {
            circuitBreaker.onError(duration, failure);
        } else if (failedResult) {
            circuitBreaker.onFailure(duration);
        } else {
            circuitBreaker.onSuccess(duration);
        }
    }

    private Object finish(GuardCall call, Object result, Throwable failure, boolean failed, boolean failureReplaced,
                          AdvisedMethod site) {
        call.depth = 0;
        Object[] arguments = call.arguments;
        if (arguments != null) {
            call.arguments = null;
        }
        if (retry != null) {
            retry.onCallFinished(call.attempts, !failed);
        }
        if (fallback != null && !failed) {
            fallback.onSuccess(site, arguments, result);
        } else if (fallback != null) {
            if (mode == Mode.ENFORCE) {
                return fallback.replace(failure, site, arguments);
            }
            observations.fallbackWouldApply();
        }
        return failureReplaced ? failure : null;
    }

    /**
     * Ends a call this guard rejected before its body ran.
     *
     * @return the rejection's exception, a stage failed with it for a method that returns a stage, or the
     *     fallback's verdict
     */
    public Object exitRejected(Rejection rejection, AdvisedMethod site) {
        // Rejected on this thread a moment ago, so the thread's call still holds the arguments; read before the
        // exception's constructor, the application's code, could start another call.
        GuardCall call = calls.get();
        Object[] arguments = call.arguments;
        call.arguments = null;
        Throwable exception = site.rejectionException(rejection.message());
        if (site.returnsStage()) {
            // A caller of an asynchronous method handles failures on the stage it gets back, not as a throw.
            return new ReplacedResult(CompletableFuture.failedFuture(exception));
        }
        return fallback == null ? exception : fallback.replace(exception, site, arguments);
    }

    /**
     * Releases what a call holds after Bulwark itself failed while ending it, so that the thread's next call is
     * guarded again and no permit leaks. Never throws.
     */
    public void abandon(GuardCall call) {
        call.depth = 0;
        call.arguments = null;
        try {
            releaseBulkheadPermit(call);
            disarm(call);
            releaseBreakerPermission(call);
        } catch (RuntimeException | Error ignored) {
            // Already on the path of an internal fault, which the dispatcher reports.
        }
    }

    /** Waits between attempts on the caller's thread; an interrupt ends the wait and the retries. */
    private static boolean pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(left);
        }
        return !Thread.currentThread().isInterrupted();
    }

    @Override
    public String toString() {
        return "Guard[" + policyName + ", " + mode + "]";
    }

    /** Assembles a {@link Guard}; every kind is optional. */
    public static final class Builder {
        private final String policyName;
        private Mode mode = Mode.ENFORCE;
        private boolean releasesDroppedResults = true;
        private CircuitBreaker circuitBreaker;
        private RateLimiter rateLimiter;
        private Timeout timeout;
        private Bulkhead bulkhead;
        private Retry retry;
        private Fallback fallback;
        private ResultClassifier failWhen;
        private Observations observations = new Observations();
        private ThreadCalls calls = new ThreadCalls();

        private Builder(String policyName) {
            this.policyName = policyName;
        }

        /** @param mode enforce or observe */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * @param releases whether a result the guard keeps from the caller is released (see {@link DroppedResults});
         *                 {@code true} unless set
         */
        public Builder releasesDroppedResults(boolean releases) {
            this.releasesDroppedResults = releases;
            return this;
        }

        /** @param circuitBreaker the breaker, or {@code null} */
        public Builder circuitBreaker(CircuitBreaker circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
            return this;
        }

        /** @param rateLimiter the rate limiter, or {@code null} */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** @param timeout the timeout, or {@code null} */
        public Builder timeout(Timeout timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @param bulkhead the bulkhead, or {@code null} */
        public Builder bulkhead(Bulkhead bulkhead) {
            this.bulkhead = bulkhead;
            return this;
        }

        /** @param retry the retry, or {@code null}; on {@code NanoClock.SYSTEM}, since the guard hands it its readings */
        public Builder retry(Retry retry) {
            this.retry = retry;
            return this;
        }

        /** @param fallback the fallback, or {@code null} */
        public Builder fallback(Fallback fallback) {
            this.fallback = fallback;
            return this;
        }

        /** @param failWhen what makes a returned value a failure, or {@code null} */
        public Builder failWhen(ResultClassifier failWhen) {
            this.failWhen = failWhen;
            return this;
        }

        /**
         * @param running the guard this one replaces: its counters and its threads' calls carry over, so that a call
         *     in flight across the reload still sees the calls nested in it as nested
         */
        public Builder succeeding(Guard running) {
            this.observations = running.observations;
            this.calls = running.calls;
            return this;
        }

        /** @return the guard */
        public Guard build() {
            return new Guard(this);
        }
    }
}
