package dev.bulwark.runtime.jmx;

import dev.bulwark.runtime.guard.Guard;

/**
 * What a policy's MBeans show: the guard in force, replaced in place by a reload. An MBean re-registered on each
 * reload would be missing for a moment, and an operator's JConsole or a Prometheus scrape reading it then would
 * get {@code InstanceNotFoundException}.
 */
abstract class GuardView {
    private volatile Guard guard;

    GuardView(Guard guard) {
        this.guard = guard;
    }

    /** @return the guard in force for the policy */
    final Guard guard() {
        return guard;
    }

    /** @param next the policy's guard from now on; it has the kind this MBean shows */
    final void show(Guard next) {
        this.guard = next;
    }
}
