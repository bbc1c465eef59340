package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.MethodMatchers;
import dev.bulwark.agent.matching.MethodOutline;
import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.matching.SubtypeMemo;
import dev.bulwark.agent.policyfile.FallbackSettings;
import dev.bulwark.runtime.dispatch.ReceiverTypes;
import dev.bulwark.runtime.fallback.FallbackValues;
import dev.bulwark.runtime.outcome.HttpRequests;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/** One method pattern of one policy, with its matchers and whether it has advised anything yet. */
final class PatternBinding {
    // A method returning a stage is never retried, so it needs no arguments for a retry.
    private static final String STAGE = "java.util.concurrent.CompletionStage";
    private static final String FUTURE = "java.util.concurrent.CompletableFuture";

    final String policyName;
    final int slot;
    final MethodPattern pattern;
    /** Whether a class is the pattern's type or a subtype of it; kept with the binding across reloads. */
    final SubtypeMemo types;
    final Predicate<MethodOutline> methods;
    /**
     * The methods whose advice passes each call's arguments: all of them for a cached fallback; with a retry, those
     * sending an HTTP request, whose method decides whether it may be sent again.
     */
    final Predicate<MethodOutline> withArguments;
    /** What decides {@link #withArguments}, part of the binding's identity across reloads. */
    final String adviceShape;
    private final AtomicBoolean matched = new AtomicBoolean();
    // Set on every update: a reload may change the fallback of a binding it keeps. At start-up it is known only
    // once the file has been checked, which may be after the first methods were advised.
    private FallbackSettings fallback;
    private volatile int receiverTypeId = -1;
    // Per class loader, so a retransformation (by Bulwark or another agent) reuses a method's site number.
    private final Map<ClassLoader, Map<String, Integer>> sitesByLoader = new WeakHashMap<>();
    // The return type of each advised method, for checking a fallback value that comes after the method was advised.
    private final Map<String, String> returnTypes = new HashMap<>();

    PatternBinding(String policyName, int slot, MethodPattern pattern, boolean cachesResults, boolean retries) {
        this.policyName = policyName;
        this.slot = slot;
        this.pattern = pattern;
        this.withArguments = cachesResults ? method -> true
                : retries ? PatternBinding::sendsRetriableRequest
                : method -> false;
        this.adviceShape = adviceShape(cachesResults, retries);
        this.types = SubtypeMemo.of(pattern);
        this.methods = MethodMatchers.methods(pattern);
    }

    /** @return the key part that tells advice shapes apart, so that a reload changing it retransforms the classes */
    static String adviceShape(boolean cachesResults, boolean retries) {
        return (cachesResults ? "arguments" : "") + (retries ? "+retry" : "");
    }

    private static boolean sendsRetriableRequest(MethodOutline method) {
        List<String> parameters = method.parameterTypeNames();
        String returned = method.returnTypeName();
        return !parameters.isEmpty() && parameters.get(0).equals(HttpRequests.REQUEST_TYPE)
                && !returned.equals(STAGE) && !returned.equals(FUTURE);
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

    /**
     * @param returnTypeName the method's return type, against which the policy's fallback value is checked
     * @param problems where a fallback value the method cannot return is reported
     * @return the site number of {@code signature} in {@code loader}, registered by {@code register} the first time
     */
    synchronized int siteOf(ClassLoader loader, String signature, String returnTypeName, IntSupplier register,
                            Consumer<String> problems) {
        Map<String, Integer> sites = sitesByLoader.computeIfAbsent(loader, key -> new HashMap<>());
        Integer site = sites.get(signature);
        if (site == null) {
            if (returnTypes.put(signature, returnTypeName) == null) {
                checkFallbackValue(signature, returnTypeName, problems);
            }
            site = register.getAsInt();
            sites.put(signature, site);
            matched.set(true);
        }
        return site;
    }

    /**
     * @param fallback the policy's fallback in force, or {@code null}
     * @param problems where a new fallback value that a method advised already cannot return is reported
     */
    synchronized void fallback(FallbackSettings fallback, Consumer<String> problems) {
        boolean changed = !Objects.equals(this.fallback, fallback);
        this.fallback = fallback;
        if (changed) {
            returnTypes.forEach((signature, returnTypeName) -> checkFallbackValue(signature, returnTypeName, problems));
        }
    }

    /** A fallback value the method cannot return is reported when the method is advised, not at the first failure. */
    private void checkFallbackValue(String signature, String returnTypeName, Consumer<String> problems) {
        if (fallback == null || fallback.value() == null) {
            return;
        }
        try {
            FallbackValues.check(fallback.plainValue(), returnTypeName);
        } catch (IllegalArgumentException e) {
            problems.accept("policy '" + policyName + "' cannot fall back for " + signature + ": " + e.getMessage()
                    + "; its failures reach the caller unchanged");
        }
    }

    boolean hasMatched() {
        return matched.get();
    }

    @Override
    public String toString() {
        return policyName + ": " + pattern;
    }
}
