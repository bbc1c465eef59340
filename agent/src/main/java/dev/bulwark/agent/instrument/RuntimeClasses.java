package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.log.BulwarkLog;

import java.util.List;

/**
 * Loads and initialises the runtime classes advice calls before the transformer is installed: a class first
 * loaded in the middle of a transformation is skipped by ByteBuddy's circularity lock, or deadlocks.
 */
final class RuntimeClasses {
    private static final List<String> ADVICE_TARGETS = List.of(
            "dev.bulwark.runtime.dispatch.CallDispatcher",
            "dev.bulwark.runtime.dispatch.AdvisedMethods",
            "dev.bulwark.runtime.dispatch.ReceiverTypes",
            "dev.bulwark.runtime.guard.Guard",
            "dev.bulwark.runtime.guard.GuardRegistry",
            "dev.bulwark.runtime.guard.NestedCall",
            "dev.bulwark.runtime.guard.Rejection",
            "dev.bulwark.runtime.rejection.CallRejectedException",
            "dev.bulwark.runtime.rejection.RejectionExceptionFactory",
            "dev.bulwark.runtime.log.BulwarkLog");

    private RuntimeClasses() {
    }

    static void load() {
        for (String name : ADVICE_TARGETS) {
            try {
                Class.forName(name, true, null);
            } catch (ClassNotFoundException | LinkageError e) {
                BulwarkLog.internalFault("loading " + name + " before installing advice", e);
            }
        }
    }
}
