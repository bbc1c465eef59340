package dev.bulwark.agent.instrument;

import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.log.BulwarkLog;

/** Reports a class Bulwark could not advise, in the log and in the Agent MBean; the class loads unadvised. */
final class TransformationErrors {
    private final AgentStatus status;

    TransformationErrors(AgentStatus status) {
        this.status = status;
    }

    /** @param throwable what stopped the class named {@code typeName} from being matched or advised */
    void report(String typeName, Throwable throwable) {
        String error = "Could not advise " + typeName + ": " + throwable;
        status.addError(error);
        BulwarkLog.warning("Bulwark " + error + "; the class runs unguarded");
    }
}
