package dev.bulwark.runtime.guard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GuardRegistryTest {

    @AfterEach
    void endAssembly() {
        GuardRegistry.assembled();
    }

    @Test
    void aCallThatComesBeforeItsGuardWaitsForTheAssemblyAndGetsTheGuard() throws Exception {
        int slot = GuardRegistry.slotOf("waits-for-assembly");
        GuardRegistry.assembling(new Thread(() -> { }));
        CompletableFuture<Guard> found = new CompletableFuture<>();
        Thread caller = new Thread(() -> found.complete(GuardRegistry.guard(slot)));
        caller.start();
        await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        assertThat(found).isNotDone();

        Guard guard = Guard.builder("waits-for-assembly").build();
        GuardRegistry.install(guard);
        GuardRegistry.assembled();

        assertThat(found.get(10, TimeUnit.SECONDS)).isSameAs(guard);
    }

    @Test
    void theAssemblingThreadItselfNeverWaits() throws Exception {
        int slot = GuardRegistry.slotOf("assembler-goes-through");
        CompletableFuture<Guard> found = new CompletableFuture<>();
        Thread assembler = new Thread(() -> found.complete(GuardRegistry.guard(slot)));
        GuardRegistry.assembling(assembler);
        assembler.start();

        // Well before the five seconds a waiting call would give the assembly.
        assertThat(found.get(3, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void anInterruptedCallGoesAheadWithoutItsGuardAndKeepsItsInterrupt() throws Exception {
        int slot = GuardRegistry.slotOf("interrupted-while-waiting");
        GuardRegistry.assembling(new Thread(() -> { }));
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
}
