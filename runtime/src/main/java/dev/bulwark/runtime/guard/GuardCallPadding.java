package dev.bulwark.runtime.guard;

/**
 * 128 bytes that the fields of a {@link GuardCall} come after. Each thread writes its own call on every guarded
 * call, but a garbage collection copies the calls it finds through one policy's table next to one another; without
 * this, two threads' calls could then share a cache line, which travelled between their cores on every call (in
 * four forks each of a rejection with 2 threads, 1-second iterations reached 366 ns without it and 190 ns with it;
 * docs/benchmarks.md). Fields of a superclass come first in an object, so these sit between a call's fields and
 * whatever precedes it in memory; the int fills the space after a 12-byte object header, so that no field of the
 * subclass is placed there (checked with {@code Unsafe.objectFieldOffset}: the call's fields start at byte 144 or
 * later, with and without compressed pointers).
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
