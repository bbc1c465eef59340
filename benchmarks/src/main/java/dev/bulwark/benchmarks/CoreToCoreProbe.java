package dev.bulwark.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How dear it is, right now, to pass one cache line between two cores of this machine: two threads increment one
 * shared counter for a second, a dozen times, and each second's cost per increment is printed. No Bulwark code runs.
 *
 * <p>Any guard that keeps a count across threads, such as a bulkhead, pays this transfer on every call when two
 * threads call at full speed. On a virtual machine the two cores the JVM sees can be placed on the host so that the
 * transfer costs twice as much for a while, which shows here as two levels.
 *
 * <pre>java -cp benchmarks/target/bulwark-benchmarks.jar dev.bulwark.benchmarks.CoreToCoreProbe</pre>
 */
public final class CoreToCoreProbe {
    private static final int ROUNDS = 12;
    private static final long ROUND_NANOS = 1_000_000_000L;
    private static final int BATCH = 1_000;

    private CoreToCoreProbe() {
    }

    /**
     * @param arguments unused
     * @throws InterruptedException when interrupted while waiting for a round's threads
     */
    public static void main(String[] arguments) throws InterruptedException {
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf("round %2d: %.1f ns per increment%n", round, nanosPerIncrement());
        }
    }

    private static double nanosPerIncrement() throws InterruptedException {
        AtomicLong shared = new AtomicLong();
        long[] increments = new long[2];
        long end = System.nanoTime() + ROUND_NANOS;
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                long made = 0;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < BATCH; i++) {
                        shared.incrementAndGet();
                    }
                    made += BATCH;
                }
                increments[index] = made;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Both threads ran for the whole second, so each increment took, per thread, one second over its count.
        return ROUND_NANOS / ((increments[0] + increments[1]) / 2.0);
    }
}
