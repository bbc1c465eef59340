package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.MethodMatchers;
import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.runtime.dispatch.ReceiverTypes;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.concurrent.atomic.AtomicBoolean;

/** One method pattern of one policy, with its matchers and whether it has advised anything yet. */
final class PatternBinding {
    final String policyName;
    final int slot;
    final MethodPattern pattern;
    final ElementMatcher<TypeDescription> types;
    final ElementMatcher<MethodDescription> methods;
    private final AtomicBoolean matched = new AtomicBoolean();
    private volatile int receiverTypeId = -1;

    PatternBinding(String policyName, int slot, MethodPattern pattern) {
        this.policyName = policyName;
        this.slot = slot;
        this.pattern = pattern;
        this.types = MethodMatchers.types(pattern);
        this.methods = MethodMatchers.methods(pattern);
    }

    /** @return the runtime check that a receiver is of this pattern's type, registered on first use */
    synchronized int receiverTypeId() {
        if (receiverTypeId < 0) {
            receiverTypeId = ReceiverTypes.register(pattern.typeRegex().pattern());
        }
        return receiverTypeId;
    }

    void markMatched() {
        matched.set(true);
    }

    boolean hasMatched() {
        return matched.get();
    }

    @Override
    public String toString() {
        return policyName + ": " + pattern;
    }
}
