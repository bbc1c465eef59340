package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.log.BulwarkLog;

import java.util.List;

/**
 * Loads and initialises the runtime classes advice calls before the transformer is installed: a class first
 * loaded in the middle of a transformation is skipped by the weaver (see {@code WeavingThread}), or deadlocks.
 * {@code BulwarkLog}'s logger is the exception: it is made on the first message (see there).
 */
final class RuntimeClasses {
    private static final List<String> ADVICE_TARGETS = List.of(
            "dev.bulwark.runtime.dispatch.CallDispatcher",
            "dev.bulwark.runtime.dispatch.AdvisedMethods",
            "dev.bulwark.runtime.dispatch.ReceiverTypes",
            "dev.bulwark.runtime.dispatch.AdvisedMethod",
            "dev.bulwark.runtime.guard.Guard",
            "dev.bulwark.runtime.guard.GuardCall",
            "dev.bulwark.runtime.guard.GuardRegistry",
            "dev.bulwark.runtime.guard.NestedCall",
            "dev.bulwark.runtime.guard.Observations",
            "dev.bulwark.runtime.guard.Rejection",
            "dev.bulwark.runtime.guard.ReplacedResult",
            "dev.bulwark.runtime.guard.StageKinds",
            "dev.bulwark.runtime.guard.Verdicts",
            "dev.bulwark.runtime.fallback.FallbackValues",
            "dev.bulwark.runtime.fallback.ThrowingFallback",
            "dev.bulwark.runtime.fallback.ValueFallback",
            "dev.bulwark.runtime.outcome.HttpStatusClassifier",
            "dev.bulwark.runtime.outcome.DroppedResults",
            "dev.bulwark.runtime.outcome.JdkInterfaces",
            "dev.bulwark.runtime.rejection.CallRejectedException",
            "dev.bulwark.runtime.rejection.CallTimedOutException",
            "dev.bulwark.runtime.rejection.ExceptionFactory",
            "dev.bulwark.policies.timeout.Watchdog",
            "dev.bulwark.runtime.log.BulwarkLog");

    private RuntimeClasses() {
    }

    static void load() {
        for (String name : ADVICE_TARGETS) {
            try {
                Class.forName(name, true, null);
            } catch (ClassNotFoundException | LinkageError e) {
                BulwarkLog.internalFault("loading " + name + " before installing advice", e,
                        "advised calls that need it may go unguarded");
            }
        }
    }
}
