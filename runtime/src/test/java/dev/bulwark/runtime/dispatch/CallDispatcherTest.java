package dev.bulwark.runtime.dispatch;

import dev.bulwark.policies.circuitbreaker.CircuitBreaker;
import dev.bulwark.policies.circuitbreaker.CircuitBreakerConfig;
import dev.bulwark.policies.time.NanoClock;
import dev.bulwark.runtime.guard.Guard;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.guard.Rejection;
import dev.bulwark.runtime.rejection.CallRejectedException;
import dev.bulwark.runtime.rejection.ExceptionFactory;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class CallDispatcherTest {
    private static final int SITE = AdvisedMethods.register(new AdvisedMethod("any", "Any#call()", "void",
            ExceptionFactory.forRejections(null, null), ExceptionFactory.forTimeouts(null, null), null));

    @Test
    void nestedCallsOfOnePolicyOnOneThreadAreRecordedOnce() {
        Guard guard = install("nesting");
        int slot = GuardRegistry.slotOf("nesting");

        Object outer = CallDispatcher.enter(slot);
        Object inner = CallDispatcher.enter(slot);
        CallDispatcher.exit(inner, null, new IllegalStateException("inner"), SITE);
        CallDispatcher.exit(outer, null, null, SITE);

        assertThat(guard.circuitBreaker().metrics().bufferedCalls()).isEqualTo(1);
        assertThat(guard.circuitBreaker().metrics().failedCalls()).isZero();
    }

    @Test
    void callAfterANestedCallIsOutermostAgain() {
        Guard guard = install("sequence");
        int slot = GuardRegistry.slotOf("sequence");

        for (int i = 0; i < 3; i++) {
            Object outer = CallDispatcher.enter(slot);
            CallDispatcher.exit(CallDispatcher.enter(slot), null, null, SITE);
            CallDispatcher.exit(outer, null, new RuntimeException("down"), SITE);
        }

        assertThat(guard.circuitBreaker().metrics().failedCalls()).isEqualTo(3);
    }

    @Test
    void rejectedCallThrowsTheExceptionTypeChosenForItsMethod() {
        Guard guard = install("rejecting");
        guard.circuitBreaker().forceOpen();
        int site = AdvisedMethods.register(new AdvisedMethod("rejecting", "Db#getConnection()",
                "java.sql.Connection", ExceptionFactory.forRejections(SQLTransientConnectionException.class.getName(),
                        getClass().getClassLoader()), ExceptionFactory.forTimeouts(null, null), null));

        Object token = CallDispatcher.enter(GuardRegistry.slotOf("rejecting"));
        Throwable thrown = (Throwable) CallDispatcher.exit(token, null, null, site);

        assertThat(token).isInstanceOf(Rejection.class);
        assertThat(thrown).isInstanceOf(SQLTransientConnectionException.class)
                .hasMessage("Bulwark policy 'rejecting' rejected the call: circuit breaker is FORCED_OPEN");
    }

    @Test
    void rejectionFallsBackToAnUncheckedExceptionWhenTheChosenTypeCannotBeMade() {
        ExceptionFactory factory = ExceptionFactory.forRejections("com.example.Missing", null);

        assertThat(factory.create("no")).isInstanceOf(CallRejectedException.class).hasMessage("no");
    }

    @Test
    void theLogSaysWhatAFaultMeantForTheCall() {
        // Bulwark logs through System.Logger, which reaches java.util.logging when nothing else is installed.
        Logger log = Logger.getLogger("dev.bulwark");
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            // A name of its own: a fault is reported once a minute per kind, and the kind names the type.
            ExceptionFactory.forRejections("com.example.MissingForTheLog", null).create("no");
        } finally {
            log.removeHandler(capture);
        }

        assertThat(messages).containsExactly("Bulwark recovered from an internal fault while creating a "
                + "com.example.MissingForTheLog for a guarded call; the call ended in Bulwark's own exception instead");
    }

    @Test
    void removedPolicyLetsCallsStraightThrough() {
        install("removed");
        GuardRegistry.remove("removed");

        assertThat(CallDispatcher.enter(GuardRegistry.slotOf("removed"))).isNull();
    }

    private static Guard install(String name) {
        Guard guard = Guard.ofCircuitBreaker(name, CircuitBreaker.create(name, CircuitBreakerConfig.defaults(),
                NanoClock.SYSTEM, CircuitBreaker.StateTransitionListener.NONE));
        GuardRegistry.install(guard);
        return guard;
    }
}
