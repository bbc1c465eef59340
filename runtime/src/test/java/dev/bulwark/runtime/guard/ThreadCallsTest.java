package dev.bulwark.runtime.guard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCallsTest {
    private final ThreadCalls calls = new ThreadCalls();

    @Test
    void aThreadAlwaysGetsItsOwnCall() {
        GuardCall first = calls.get();

        assertThat(calls.get()).isSameAs(first);
        assertThat(first.threadId).isEqualTo(Thread.currentThread().getId());
    }

    @Test
    void manyMoreThreadsThanTheTableHasEntriesEachGetTheirOwnCallEveryTime() throws Exception {
        int threadCount = 300;
        CountDownLatch start = new CountDownLatch(1);
        Set<GuardCall> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicReference<String> problem = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    GuardCall own = calls.get();
                    for (int lookup = 0; lookup < 5_000; lookup++) {
                        GuardCall found = calls.get();
                        if (found != own || found.threadId != Thread.currentThread().getId()) {
                            problem.compareAndSet(null, "a thread was given another thread's call");
                        }
                    }
                    seen.add(own);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(problem.get()).isNull();
        assertThat(seen).as("one call per thread").hasSize(threadCount);
    }

    private Thread lookingUpRepeatedly() {
        return new Thread(() -> {
            for (int lookup = 0; lookup < 1024; lookup++) {
                calls.get();
            }
        });
    }

    @Test
    void aThreadThatKeepsMissingTheTableTakesOverTheEntryOfOneThatEnded() throws Exception {
        Thread ended = new Thread(calls::get);
        ended.start();
        ended.join();
        assertThat(calls.tableEntryFor(ended.getId()).threadId).isEqualTo(ended.getId());
        // Thread ids are handed out in order, so one of the next 64 threads made shares the ended thread's entry.
        Thread colliding = lookingUpRepeatedly();
        while (colliding.getId() % 64 != ended.getId() % 64) {
            colliding = lookingUpRepeatedly();
        }

        colliding.start();
        colliding.join();

        assertThat(calls.tableEntryFor(ended.getId()).threadId).isEqualTo(colliding.getId());
    }
}
