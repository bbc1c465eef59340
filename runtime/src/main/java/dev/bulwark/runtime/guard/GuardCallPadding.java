package dev.bulwark.runtime.guard;

/**
 * 128 bytes that the fields of a {@link GuardCall} come after. Each thread writes its own call on every guarded
 * call, but a garbage collection copies objects in the order it reaches them, so the calls of two threads, found
 * through one policy's table, can land side by side and share a cache line. In the benchmark of a rejection without
 * a stack trace with 2 threads, iterations above 200 ns (up to 366 ns) appeared only without this padding
 * (docs/benchmarks.md). Fields of a superclass come first in an object, so these sit between a call's fields and
 * whatever precedes it in memory; the int fills the space after a 12-byte object header, which the JVM would
 * otherwise fill with a field of the subclass. {@code GuardCallLayoutTest} checks where the fields land. The cost:
 * 136 bytes more per thread and policy.
 */
@SuppressWarnings("unused")
abstract class GuardCallPadding {
    private int headerGap;
    private long p01;
    private long p02;
    private long p03;
    private long p04;
    private long p05;
    private long p06;
    private long p07;
    private long p08;
    private long p09;
    private long p10;
    private long p11;
    private long p12;
    private long p13;
    private long p14;
    private long p15;
    private long p16;
}
