package dev.bulwark.policies.circuitbreaker;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Drives our breaker and resilience4j 2.4.0's with the same configuration, the same calls and one clock, and
 * requires the same answers: every permission granted or refused alike, and at every read the same state and the
 * same window figures. Scenarios come from fixed seeds of {@link SplittableRandom}, so every run checks the same
 * thousand and a failure can be replayed.
 *
 * <p>resilience4j runs two timers on a scheduler thread (the automatic move from open to half-open and the bound
 * on the time in half-open); here they are off in resilience4j and replayed by {@link Oracle} as a scheduler would
 * fire them, at the instant they fall due, before any later step. Ours observes the same timers lazily, so this
 * checks that the lazy transitions land where the scheduled ones would.
 */
class CircuitBreakerDifferentialTest {
    private static final List<Class<? extends Exception>> ERRORS =
            List.of(BaseError.class, SubError.class, OtherError.class, CheckedError.class);
    private static final Object FAILED_RESULT = new Object();

    private static final int SEEDS = 1_000;

    /**
     * One scenario per seed, 0 to 999, so a run is reproducible; a failure names its seed, the scenario and the
     * shortest sub-sequence of its steps that still fails, so it can be replayed with {@link #replay(long)}.
     */
    @Test
    void decidesEveryCallAndReportsEveryWindowAsResilience4jDoes() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Scenario scenario = Scenario.generate(new SplittableRandom(seed));
            AssertionError difference = run(scenario);
            if (difference != null) {
                Scenario shortest = shrink(scenario);
                fail("seed " + seed + " differs from resilience4j: " + run(shortest).getMessage()
                        + "\n  shortest failing scenario: " + shortest + "\n  whole scenario: " + scenario);
            }
        }
    }

    /** For debugging: runs one seed's scenario alone, failing with resilience4j's answer beside ours. */
    static void replay(long seed) {
        AssertionError difference = run(Scenario.generate(new SplittableRandom(seed)));
        if (difference != null) {
            throw difference;
        }
    }

    private static AssertionError run(Scenario scenario) {
        try {
            Harness harness = new Harness(scenario);
            for (int i = 0; i < scenario.steps().size(); i++) {
                harness.apply(scenario.steps().get(i), i);
            }
            harness.compare(scenario.steps().size());
            return null;
        } catch (AssertionError difference) {
            return difference;
        }
    }

    /** Drops steps one at a time while the scenario still fails: a poor man's shrinking, enough to read a failure. */
    private static Scenario shrink(Scenario failing) {
        Scenario shortest = failing;
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            for (int i = shortest.steps().size() - 1; i >= 0; i--) {
                List<Step> fewer = new ArrayList<>(shortest.steps());
                fewer.remove(i);
                Scenario candidate = shortest.withSteps(fewer);
                if (run(candidate) != null) {
                    shortest = candidate;
                    dropped = true;
                }
            }
        }
        return shortest;
    }

    // --- the simulation ---------------------------------------------------------------------------------------

    private static final class Harness {
        private final Scenario scenario;
        private final MutableClock clock;
        private final CircuitBreaker ours;
        private final Oracle oracle;
        private final Deque<Boolean> inFlight = new ArrayDeque<>();

        Harness(Scenario scenario) {
            this.scenario = scenario;
            this.clock = new MutableClock(1_000_000L * 1_000_000_000L + scenario.timing().startOffsetMillis() * 1_000_000L);
            this.ours = CircuitBreaker.create("ours", scenario.ours(), clock::nanos,
                    CircuitBreaker.StateTransitionListener.NONE);
            this.oracle = new Oracle(scenario, clock);
        }

        void apply(Step step, int index) {
            switch (step.kind()) {
                case CALL -> {
                    boolean permitted = acquire(index);
                    if (permitted) {
                        finish(step);
                    }
                }
                case BEGIN -> inFlight.addLast(acquire(index));
                case FINISH -> {
                    Boolean permitted = inFlight.pollFirst();
                    if (permitted != null && permitted) {
                        finish(step);
                    }
                }
                case ADVANCE -> oracle.advanceTo(clock.nanos() + step.millis() * 1_000_000L);
                case READ -> compare(index);
                case RESET -> {
                    ours.reset();
                    oracle.breaker.reset();
                }
                case FORCE_OPEN -> {
                    ours.forceOpen();
                    oracle.breaker.transitionToForcedOpenState();
                }
                case DISABLE -> {
                    ours.disable();
                    oracle.breaker.transitionToDisabledState();
                }
            }
        }

        private boolean acquire(int index) {
            boolean ourAnswer = ours.tryAcquirePermission();
            boolean theirAnswer = oracle.breaker.tryAcquirePermission();
            assertThat(ourAnswer).as("permission at step %d (%s)", index, oracle.breaker.getState())
                    .isEqualTo(theirAnswer);
            return ourAnswer;
        }

        private void finish(Step step) {
            long nanos = step.millis() * 1_000_000L;
            switch (step.outcome()) {
                case SUCCESS -> {
                    ours.onSuccess(nanos);
                    oracle.breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                }
                case FAILED_RESULT -> {
                    ours.onFailure(nanos);
                    oracle.breaker.onResult(nanos, TimeUnit.NANOSECONDS, FAILED_RESULT);
                }
                case ERROR -> {
                    Exception error = newError(step.error());
                    ours.onError(nanos, error);
                    oracle.breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
                }
                case RELEASE -> {
                    ours.releasePermission();
                    oracle.breaker.releasePermission();
                }
            }
        }

        void compare(int index) {
            io.github.resilience4j.circuitbreaker.CircuitBreaker.Metrics theirs = oracle.breaker.getMetrics();
            String where = "at step " + index + " of " + scenario;
            assertThat(ours.state().name()).as("state " + where).isEqualTo(oracle.breaker.getState().name());
            CircuitBreakerMetrics metrics = ours.metrics();
            assertThat(metrics.bufferedCalls()).as("buffered " + where).isEqualTo(theirs.getNumberOfBufferedCalls());
            assertThat(metrics.failedCalls()).as("failed " + where).isEqualTo(theirs.getNumberOfFailedCalls());
            assertThat(metrics.slowCalls()).as("slow " + where).isEqualTo(theirs.getNumberOfSlowCalls());
            assertThat(metrics.slowFailedCalls()).as("slow failed " + where)
                    .isEqualTo(theirs.getNumberOfSlowFailedCalls());
            assertThat(metrics.failureRate()).as("failure rate " + where).isEqualTo(theirs.getFailureRate());
            assertThat(metrics.slowCallRate()).as("slow-call rate " + where).isEqualTo(theirs.getSlowCallRate());
        }
    }

    /**
     * resilience4j with its timers replayed deterministically: each state change re-arms the one timer the new
     * state has, and moving the clock fires a due timer at its own instant, as resilience4j's scheduler would.
     */
    private static final class Oracle {
        final io.github.resilience4j.circuitbreaker.CircuitBreaker breaker;
        private final MutableClock clock;
        private final Scenario scenario;
        private long timerDue = Long.MAX_VALUE;
        private Runnable timer;

        Oracle(Scenario scenario, MutableClock clock) {
            this.scenario = scenario;
            this.clock = clock;
            this.breaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("resilience4j", scenario.theirs(clock));
            breaker.getEventPublisher().onStateTransition(event -> arm(event.getStateTransition().getToState()));
        }

        private void arm(io.github.resilience4j.circuitbreaker.CircuitBreaker.State entered) {
            timer = null;
            timerDue = Long.MAX_VALUE;
            Timing timing = scenario.timing();
            if (entered == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN && timing.automatic()) {
                timerDue = clock.nanos() + timing.waitMillis() * 1_000_000L;
                timer = breaker::transitionToHalfOpenState;
            } else if (entered == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN
                    && timing.maxWaitInHalfOpenMillis() > 0) {
                timerDue = clock.nanos() + timing.maxWaitInHalfOpenMillis() * 1_000_000L;
                timer = breaker::transitionToOpenState;
            }
        }

        void advanceTo(long target) {
            while (timer != null && timerDue <= target) {
                clock.set(timerDue);
                Runnable firing = timer;
                timer = null;
                timerDue = Long.MAX_VALUE;
                firing.run();
            }
            clock.set(target);
        }
    }

    private static final class MutableClock extends Clock {
        private long nanos;

        MutableClock(long nanos) {
            this.nanos = nanos;
        }

        long nanos() {
            return nanos;
        }

        void set(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, nanos);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static Exception newError(int index) {
        return switch (index) {
            case 0 -> new BaseError();
            case 1 -> new SubError();
            case 2 -> new OtherError();
            default -> new CheckedError();
        };
    }

    static class BaseError extends RuntimeException {
        BaseError() {
            super(null, null, false, false);
        }
    }

    static final class SubError extends BaseError {
    }

    static final class OtherError extends IllegalStateException {
    }

    static final class CheckedError extends java.io.IOException {
    }

    // --- the generated scenarios ------------------------------------------------------------------------------

    enum StepKind { CALL, BEGIN, FINISH, ADVANCE, READ, RESET, FORCE_OPEN, DISABLE }

    enum Outcome { SUCCESS, FAILED_RESULT, ERROR, RELEASE }

    /** One step; {@code millis} is the call's duration for a call, the clock's move for an advance. */
    record Step(StepKind kind, Outcome outcome, int error, long millis) {
        @Override
        public String toString() {
            return switch (kind) {
                case CALL, FINISH -> kind + "(" + outcome + (outcome == Outcome.ERROR ? " " + ERRORS.get(error).getSimpleName() : "")
                        + ", " + millis + "ms)";
                case ADVANCE -> "ADVANCE(" + millis + "ms)";
                default -> kind.name();
            };
        }
    }

    record Shape(SlidingWindowType type, int size, int minimum, int permittedInHalfOpen) {
    }

    record Thresholds(int failureRate, int slowCallRate, int slowCallMillis) {
    }

    record Timing(int waitMillis, int maxWaitInHalfOpenMillis, boolean automatic, int startOffsetMillis) {
    }

    record Lists(List<Integer> recorded, List<Integer> ignored) {
    }

    record Scenario(Shape shape, Thresholds thresholds, Timing timing, Lists lists, List<Step> steps) {

        /** Small numbers on purpose: windows of a few calls or seconds trip, probe and close often. */
        static Scenario generate(SplittableRandom random) {
            SlidingWindowType type = random.nextBoolean() ? SlidingWindowType.COUNT_BASED : SlidingWindowType.TIME_BASED;
            Shape shape = new Shape(type, between(random, 1, 6), between(random, 1, 8), between(random, 1, 4));
            Thresholds thresholds = new Thresholds(percent(random), percent(random), between(random, 1, 50));
            Timing timing = new Timing(between(random, 1, 3_000),
                    random.nextInt(3) == 0 ? 0 : between(random, 1, 3_000), random.nextBoolean(),
                    between(random, 0, 999));
            Lists lists = new Lists(random.nextBoolean() ? List.of() : exceptions(random),
                    random.nextInt(3) == 0 ? exceptions(random) : List.of());
            List<Step> steps = new ArrayList<>();
            int count = between(random, 0, 80);
            for (int i = 0; i < count; i++) {
                steps.add(step(random));
            }
            return new Scenario(shape, thresholds, timing, lists, List.copyOf(steps));
        }

        Scenario withSteps(List<Step> fewer) {
            return new Scenario(shape, thresholds, timing, lists, List.copyOf(fewer));
        }

        private static Step step(SplittableRandom random) {
            int pick = random.nextInt(60);
            if (pick == 59) {
                return new Step(StepKind.values()[5 + random.nextInt(3)], Outcome.SUCCESS, 0, 0);
            }
            pick = pick / 4;
            if (pick < 8) {
                return call(StepKind.CALL, random);
            } else if (pick < 9) {
                return new Step(StepKind.BEGIN, Outcome.SUCCESS, 0, 0);
            } else if (pick < 10) {
                return call(StepKind.FINISH, random);
            } else if (pick < 13) {
                // Whole seconds and a millisecond either side, to land on bucket and wait boundaries.
                long millis = random.nextBoolean()
                        ? new long[] {1, 999, 1_000, 1_001}[random.nextInt(4)] : random.nextLong(3_501);
                return new Step(StepKind.ADVANCE, Outcome.SUCCESS, 0, millis);
            }
            return new Step(StepKind.READ, Outcome.SUCCESS, 0, 0);
        }

        private static Step call(StepKind kind, SplittableRandom random) {
            int pick = random.nextInt(11);
            Outcome outcome = pick < 4 ? Outcome.SUCCESS : pick < 6 ? Outcome.FAILED_RESULT
                    : pick < 10 ? Outcome.ERROR : Outcome.RELEASE;
            return new Step(kind, outcome, random.nextInt(ERRORS.size()), between(random, 0, 60));
        }

        private static List<Integer> exceptions(SplittableRandom random) {
            List<Integer> chosen = new ArrayList<>();
            int count = between(random, 1, 2);
            for (int i = 0; i < count; i++) {
                int error = random.nextInt(ERRORS.size());
                if (!chosen.contains(error)) {
                    chosen.add(error);
                }
            }
            return List.copyOf(chosen);
        }

        private static int percent(SplittableRandom random) {
            return random.nextBoolean() ? new int[] {1, 25, 34, 50, 67, 100}[random.nextInt(6)] : between(random, 1, 100);
        }

        private static int between(SplittableRandom random, int min, int max) {
            return random.nextInt(min, max + 1);
        }
        CircuitBreakerConfig ours() {
            return CircuitBreakerConfig.builder()
                    .slidingWindowType(shape.type()).slidingWindowSize(shape.size()).minimumNumberOfCalls(shape.minimum())
                    .permittedNumberOfCallsInHalfOpenState(shape.permittedInHalfOpen())
                    .failureRateThreshold(thresholds.failureRate()).slowCallRateThreshold(thresholds.slowCallRate())
                    .slowCallDurationThreshold(Duration.ofMillis(thresholds.slowCallMillis()))
                    .waitDurationInOpenState(Duration.ofMillis(timing.waitMillis()))
                    .maxWaitDurationInHalfOpenState(Duration.ofMillis(timing.maxWaitInHalfOpenMillis()))
                    .automaticTransitionFromOpenToHalfOpenEnabled(timing.automatic())
                    .recordExceptions(names(lists.recorded())).ignoreExceptions(names(lists.ignored()))
                    .build();
        }

        @SuppressWarnings("unchecked")
        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig theirs(Clock clock) {
            return io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                    .slidingWindow(shape.size(), shape.minimum(),
                            io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.valueOf(
                                    shape.type().name()),
                            // The lock-free time window reads the system clock whatever the config says.
                            SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                    .permittedNumberOfCallsInHalfOpenState(shape.permittedInHalfOpen())
                    .failureRateThreshold(thresholds.failureRate()).slowCallRateThreshold(thresholds.slowCallRate())
                    .slowCallDurationThreshold(Duration.ofMillis(thresholds.slowCallMillis()))
                    .waitDurationInOpenState(Duration.ofMillis(timing.waitMillis()))
                    // Both timers are replayed by the Oracle instead of resilience4j's scheduler thread.
                    .automaticTransitionFromOpenToHalfOpenEnabled(false)
                    .maxWaitDurationInHalfOpenState(Duration.ZERO)
                    .recordExceptions(classes(lists.recorded()))
                    .ignoreExceptions(classes(lists.ignored()))
                    .recordResult(result -> result == FAILED_RESULT)
                    .clock(clock)
                    .build();
        }

        private static List<String> names(List<Integer> indexes) {
            return indexes.stream().map(i -> ERRORS.get(i).getName()).toList();
        }

        @SuppressWarnings("rawtypes")
        private static Class[] classes(List<Integer> indexes) {
            return indexes.stream().map(ERRORS::get).toArray(Class[]::new);
        }

        @Override
        public String toString() {
            return shape + " " + thresholds + " " + timing + " record=" + names(lists.recorded()) + " ignore="
                    + names(lists.ignored()) + " steps=" + steps;
        }
    }
}
