package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.MethodMatchers;
import dev.bulwark.agent.matching.MethodPattern;
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

    PatternBinding(String policyName, int slot, MethodPattern pattern) {
        this.policyName = policyName;
        this.slot = slot;
        this.pattern = pattern;
        this.types = MethodMatchers.types(pattern);
        this.methods = MethodMatchers.methods(pattern);
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
