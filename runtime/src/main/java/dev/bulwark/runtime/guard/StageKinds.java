package dev.bulwark.runtime.guard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a stage an advised method returned lets Bulwark do with it at a deadline.
 *
 * <p>A read-only stage (what {@code minimalCompletionStage()}, {@code completedStage()} and {@code failedStage()}
 * make) throws on every way to complete, cancel or even inspect it. A plain {@code CompletableFuture} can be
 * cancelled, but that only completes it: no work stops, and a result its producer then delivers is refused and lost
 * unseen. Only a future whose class defines {@code cancel} itself, as the JDK {@code HttpClient}'s do (cancelling
 * aborts the exchange and closes its connection), is worth cancelling; any other is left to complete, so that a
 * late result reaches Bulwark, which releases it.
 */
final class StageKinds {
    private static final String READ_ONLY_STAGE = "java.util.concurrent.CompletableFuture$MinimalStage";

    private static final ClassValue<Boolean> DEFINES_CANCEL = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("cancel", boolean.class).getDeclaringClass() != CompletableFuture.class;
            } catch (NoSuchMethodException | SecurityException unreadable) {
                return false;
            }
        }
    };

    private StageKinds() {
    }

    /** @return whether {@code stage} refuses to be completed, cancelled or asked whether it is done */
    static boolean isReadOnly(CompletionStage<?> stage) {
        return stage.getClass().getName().equals(READ_ONLY_STAGE);
    }

    /** @return whether cancelling {@code future} may stop the work behind it, rather than only complete it */
    static boolean cancelStopsWork(CompletableFuture<?> future) {
        return DEFINES_CANCEL.get(future.getClass());
    }
}
