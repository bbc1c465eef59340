package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.MethodMatchers;
import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.policyfile.FallbackSettings;
import dev.bulwark.runtime.dispatch.ReceiverTypes;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/** One method pattern of one policy, with its matchers and whether it has advised anything yet. */
final class PatternBinding {
    final String policyName;
    final int slot;
    final MethodPattern pattern;
    final ElementMatcher<TypeDescription> types;
    final ElementMatcher<MethodDescription> methods;
    /** Whether the advice passes each call's arguments, for a cached fallback. */
    final boolean withArguments;
    private final AtomicBoolean matched = new AtomicBoolean();
    // Set on every update: a reload may change the fallback of a binding it keeps.
    private volatile FallbackSettings fallback;
    private volatile int receiverTypeId = -1;
    // Per class loader, so a retransformation (by Bulwark or another agent) reuses a method's site number.
    private final Map<ClassLoader, Map<String, Integer>> sitesByLoader = new WeakHashMap<>();

    PatternBinding(String policyName, int slot, MethodPattern pattern, boolean withArguments) {
        this.policyName = policyName;
        this.slot = slot;
        this.pattern = pattern;
        this.withArguments = withArguments;
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

    /** @return the names of the types this pattern has advised methods in, in any class loader */
    synchronized Set<String> advisedTypeNames() {
        Set<String> names = new HashSet<>();
        sitesByLoader.values().forEach(sites -> sites.keySet()
                .forEach(signature -> names.add(signature.substring(0, signature.indexOf('#')))));
        return names;
    }

    /** @return the site number of {@code signature} in {@code loader}, registered by {@code register} the first time */
    synchronized int siteOf(ClassLoader loader, String signature, IntSupplier register) {
        Map<String, Integer> sites = sitesByLoader.computeIfAbsent(loader, key -> new HashMap<>());
        Integer site = sites.get(signature);
        if (site == null) {
            site = register.getAsInt();
            sites.put(signature, site);
            matched.set(true);
        }
        return site;
    }

    /** @param fallback the policy's fallback in force, or {@code null} */
    void fallback(FallbackSettings fallback) {
        this.fallback = fallback;
    }

    /** @return the policy's fallback in force, or {@code null} */
    FallbackSettings fallback() {
        return fallback;
    }

    boolean hasMatched() {
        return matched.get();
    }

    @Override
    public String toString() {
        return policyName + ": " + pattern;
    }
}
