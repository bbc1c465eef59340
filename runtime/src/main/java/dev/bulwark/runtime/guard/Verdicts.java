package dev.bulwark.runtime.guard;

/**
 * What the exit advice does once a guard has seen an attempt's outcome. A verdict is {@code null} (leave the
 * outcome as it is), {@link #REPEAT}, a {@link Throwable} the method must throw instead, or a
 * {@link ReplacedResult} it must return instead.
 */
public final class Verdicts {
    /** Run the method body again: a retry. */
    public static final Object REPEAT = new Object() {
        @Override
        public String toString() {
            return "REPEAT";
        }
    };

    private Verdicts() {
    }
}
