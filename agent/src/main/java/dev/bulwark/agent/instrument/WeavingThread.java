package dev.bulwark.agent.instrument;

/**
 * Marks the thread that is weaving a class. A class that thread loads meanwhile (the weaver's own, or a class
 * loader's machinery while it finds a supertype's class file) is left as it is, as ByteBuddy's circularity lock
 * did in agents built on it: weaving it would re-enter the weaving of the first class. Kept apart from
 * {@link AdviceWeaver} so that the header filter can ask without loading the weaver.
 */
final class WeavingThread {
    private static final ThreadLocal<Boolean> WEAVING = new ThreadLocal<>();

    private WeavingThread() {
    }

    /** @return whether this thread is weaving a class right now */
    static boolean isWeaving() {
        return WEAVING.get() != null;
    }

    static void begin() {
        WEAVING.set(Boolean.TRUE);
    }

    static void end() {
        WEAVING.remove();
    }
}
