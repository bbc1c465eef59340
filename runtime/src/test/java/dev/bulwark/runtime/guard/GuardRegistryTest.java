package dev.bulwark.runtime.guard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GuardRegistryTest {

    private final Thread assembler = new Thread(() -> { });

    @AfterEach
    void endAssembly() {
        GuardRegistry.assembled(assembler);
    }

    @Test
    void aCallThatComesBeforeItsGuardWaitsForTheAssemblyAndGetsTheGuard() throws Exception {
        int slot = GuardRegistry.slotOf("waits-for-assembly");
        GuardRegistry.assembling(assembler);
        CompletableFuture<Guard> found = waitingCall(slot);
        assertThat(found).isNotDone();

        Guard guard = Guard.builder("waits-for-assembly").build();
        GuardRegistry.install(guard);
        GuardRegistry.assembled(assembler);

        assertThat(found.get(10, TimeUnit.SECONDS)).isSameAs(guard);
    }

    @Test
    void theAssemblingThreadItselfNeverWaits() throws Exception {
        int slot = GuardRegistry.slotOf("assembler-goes-through");
        CompletableFuture<Guard> found = new CompletableFuture<>();
        Thread calling = new Thread(() -> found.complete(GuardRegistry.guard(slot)));
        GuardRegistry.assembling(calling);
        calling.start();

        // Well before the five seconds a waiting call would give the assembly.
        assertThat(found.get(3, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void anInterruptedCallGoesAheadWithoutItsGuardAndKeepsItsInterrupt() throws Exception {
        int slot = GuardRegistry.slotOf("interrupted-while-waiting");
        GuardRegistry.assembling(assembler);
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            Guard guard = GuardRegistry.guard(slot);
            stillInterrupted.complete(guard == null && Thread.currentThread().isInterrupted());
        });
        caller.start();
        await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();

        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theEndOfAnotherAssemblyReleasesNoCall() throws Exception {
        int slot = GuardRegistry.slotOf("released-by-its-own-assembly");
        GuardRegistry.assembling(assembler);
        GuardRegistry.assembled(new Thread(() -> { }));

        CompletableFuture<Guard> found = waitingCall(slot);
        GuardRegistry.assembled(assembler);

        assertThat(found.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aWaitThatRunsOutLetsTheCallGoAheadAndEndsTheWaitingForLaterCalls() throws Exception {
        int slot = GuardRegistry.slotOf("assembly-that-never-ends");
        GuardRegistry.assembling(assembler);

        // Five seconds of waiting, then the call goes ahead without its guard.
        assertThat(CompletableFuture.supplyAsync(() -> GuardRegistry.guard(slot)).get(10, TimeUnit.SECONDS))
                .isNull();
        // Well before the five seconds another wait would take.
        assertThat(CompletableFuture.supplyAsync(() -> GuardRegistry.guard(slot)).get(3, TimeUnit.SECONDS))
                .isNull();
    }

    /** @return what a call on another thread, which is waiting by now, finds in {@code slot} */
    private static CompletableFuture<Guard> waitingCall(int slot) {
        CompletableFuture<Guard> found = new CompletableFuture<>();
        Thread caller = new Thread(() -> found.complete(GuardRegistry.guard(slot)));
        caller.start();
        await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        return found;
    }
}
