package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeader;
import dev.bulwark.agent.matching.ClassHeaders;
import dev.bulwark.agent.matching.MethodMatchers;
import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.matching.SubtypeMemo;
import dev.bulwark.agent.policyfile.PolicyMethods;
import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.log.BulwarkLog;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Installs the advice of every policy's method patterns, for classes loaded from now on and for those already
 * loaded, and keeps it in step with the policy file: patterns added by a reload reach already-loaded classes,
 * and classes advised for removed patterns are restored. Both go through retransformation, which never changes
 * a class's shape.
 */
public final class PolicyInstrumentation {
    private static final int RETRANSFORM_BATCH = 100;

    private final Instrumentation instrumentation;
    private final InheritedImplementations inherited;
    private volatile List<PatternBinding> bindings = List.of();
    // Whether a class or a supertype has the type of any pattern: the filter's one walk per class, however many
    // patterns there are (each binding's own memo would walk once per pattern). Made anew when the patterns change.
    private volatile SubtypeMemo anyPatternType = new SubtypeMemo(name -> false);
    private boolean installed;
    private volatile AgentStatus status;
    private volatile HeaderPrefilter prefilter;
    private final Object weaverLock = new Object();
    private volatile AdviceWeaver weaver;
    private volatile boolean weaverFailed;

    /** @param instrumentation the JVM's instrumentation */
    public PolicyInstrumentation(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
        this.inherited = new InheritedImplementations(instrumentation);
    }

    /** @return the patterns that have not advised any method yet, as {@code policy: pattern} */
    public List<String> unmatchedPatterns() {
        return bindings.stream().filter(binding -> !binding.hasMatched()).map(PatternBinding::toString).toList();
    }

    /**
     * Makes the advised methods those of {@code policies}. Before {@link #install}, this only sets what will be
     * installed; after, it retransforms the loaded classes whose advice changes.
     *
     * @param policies the methods of the policies in force from now on
     */
    public synchronized void update(List<PolicyMethods> policies) {
        Map<String, PatternBinding> previous = new HashMap<>();
        bindings.forEach(binding -> previous.put(key(binding.policyName, binding.pattern, binding.adviceShape),
                binding));
        Map<String, PatternBinding> next = new LinkedHashMap<>();
        for (PolicyMethods policy : policies) {
            int slot = GuardRegistry.slotOf(policy.policyName());
            for (MethodPattern pattern : policy.methods()) {
                // The advice's shape is part of the key: a reload that changes it retransforms the classes.
                String key = key(policy.policyName(), pattern,
                        PatternBinding.adviceShape(policy.cachesResults(), policy.retries()));
                PatternBinding binding = previous.containsKey(key) ? previous.get(key) : new PatternBinding(
                        policy.policyName(), slot, pattern, policy.cachesResults(), policy.retries());
                binding.fallback(policy.fallback(), this::report);
                next.put(key, binding);
            }
        }
        List<PatternBinding> added = next.values().stream().filter(binding -> !previous.containsValue(binding)).toList();
        List<PatternBinding> removed = previous.values().stream().filter(binding -> !next.containsValue(binding))
                .toList();
        bindings = List.copyOf(next.values());
        inherited.forget(removed);
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        anyPatternType = new SubtypeMemo(MethodMatchers.anyTypeName(
                next.values().stream().map(binding -> binding.pattern).toList()));
        if (installed) {
            retransform(added, removed);
        }
    }

    /**
     * Installs the transformation: a header filter in front of the weaver, which is made when a class first gets
     * through, so that an application none of whose classes match while it starts never loads the weaver's classes. Matching
     * classes loaded before are retransformed now.
     *
     * @param status where classes that could not be advised are reported
     */
    public synchronized void install(AgentStatus status) {
        this.status = status;
        RuntimeClasses.load();
        HeaderPrefilter prefilter = new HeaderPrefilter(this::mayBeAdvised, this::weaver);
        prefilter.prepare();
        this.prefilter = prefilter;
        instrumentation.addTransformer(prefilter, true);
        installed = true;
        // Taken once the filter is in place, so no class can fall between the two.
        retransformAdvised(instrumentation.getAllLoadedClasses());
    }

    /**
     * Runs {@code action} once the application has stopped loading classes for a moment, or at once when the
     * transformation is not installed.
     *
     * @param action short work, run on the watchdog's thread
     */
    public void whenClassLoadingQuiet(Runnable action) {
        HeaderPrefilter installedFilter = prefilter;
        if (installedFilter == null) {
            action.run();
        } else {
            ClassLoadingLull.whenQuiet(installedFilter::classesLoaded, action);
        }
    }

    /** @return the weaver, made on first use; {@code null} when it cannot be made, and nothing is advised */
    private ClassFileTransformer weaver() {
        AdviceWeaver made = weaver;
        if (made != null || weaverFailed) {
            return made;
        }
        Throwable failure = null;
        synchronized (weaverLock) {
            if (weaver == null && !weaverFailed) {
                try {
                    weaver = new AdviceWeaver(instrumentation,
                            new AdvicePlanner(() -> bindings, inherited, this::report),
                            new TransformationErrors(status), CallDispatcher.class.getModule());
                } catch (Throwable fault) {
                    weaverFailed = true;
                    failure = fault;
                }
            }
            made = weaver;
        }
        if (failure != null) {
            // Outside the lock: a first message finds the logging backend, which may load classes of its own.
            BulwarkLog.internalFault("preparing the advice", failure,
                    "no class is advised: the application runs unguarded");
        }
        return made;
    }

    /** Reports a policy that cannot do what it says for a method it advises. */
    private void report(String problem) {
        AgentStatus reportedTo = status;
        if (reportedTo != null) {
            reportedTo.addError(problem);
        }
        BulwarkLog.warning("Bulwark " + problem);
    }

    /** What installing the transformation does for the classes already loaded. */
    private void retransformAdvised(Class<?>[] loaded) {
        if (!anyPatternTypeIsAmong(loaded)) {
            return;
        }
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (isModifiable(type) && mayBeAdvised(type, this::mayBeAdvised)) {
                classes.add(type);
            }
        }
        retransformInBatches(classes);
    }

    /**
     * Whether a class bearing the name of a pattern's type is among {@code loaded}. The JVM defines a class only
     * once its supertypes are defined, so when none is, no loaded class can be advised, and looking at each one's
     * supertypes (the JDK's 700 or so classes loaded before {@code premain}) can be skipped. A pattern whose type
     * has wildcards counts as present.
     */
    private boolean anyPatternTypeIsAmong(Class<?>[] loaded) {
        Set<String> typeNames = new HashSet<>();
        for (PatternBinding binding : bindings) {
            String typeName = MethodMatchers.exactTypeName(binding.pattern);
            if (typeName == null) {
                return true;
            }
            typeNames.add(typeName);
        }
        for (Class<?> type : loaded) {
            if (typeNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The header pre-filter: rules out, before the weaver reads its methods, a class that no pattern can match. */
    private boolean mayBeAdvised(ClassHeader header, ClassHeaders headers) {
        return anyPatternType.mayMatch(header, headers) || inherited.declares(header.name());
    }

    private boolean mayBeAdvisedBy(List<PatternBinding> candidates, ClassHeader header, ClassHeaders headers) {
        for (PatternBinding binding : candidates) {
            if (binding.types.mayMatch(header, headers)) {
                return true;
            }
        }
        return false;
    }

    private void retransform(List<PatternBinding> added, List<PatternBinding> removed) {
        Set<String> namesToRestore = new HashSet<>();
        removed.forEach(binding -> namesToRestore.addAll(binding.advisedTypeNames()));
        BiPredicate<ClassHeader, ClassHeaders> mayBeAdvisedByAdded = (header, headers) -> mayBeAdvisedBy(added,
                header, headers);
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (isModifiable(type) && (namesToRestore.contains(type.getName())
                    || !added.isEmpty() && mayBeAdvised(type, mayBeAdvisedByAdded))) {
                classes.add(type);
            }
        }
        retransformInBatches(classes);
    }

    private boolean isModifiable(Class<?> type) {
        return !type.isArray() && !type.isPrimitive() && instrumentation.isModifiableClass(type);
    }

    private void retransformInBatches(List<Class<?>> classes) {
        for (int from = 0; from < classes.size(); from += RETRANSFORM_BATCH) {
            List<Class<?>> batch = classes.subList(from, Math.min(classes.size(), from + RETRANSFORM_BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(Class<?>[]::new));
            } catch (Exception | LinkageError e) {
                BulwarkLog.internalFault("retransforming classes to advise or restore them", e,
                        "the classes of that batch keep the advice they had");
            }
        }
    }

    /**
     * Whether a loaded class may be advised, judged by {@code byHeader} from the class itself, without reading its
     * class file; the weaver decides exactly.
     */
    private static boolean mayBeAdvised(Class<?> type, BiPredicate<ClassHeader, ClassHeaders> byHeader) {
        if (IgnoredTypes.isIgnored(type.getName()) || type.isSynthetic()) {
            return false;
        }
        try {
            return byHeader.test(ClassHeader.of(type), new ClassHeaders(type.getClassLoader()));
        } catch (RuntimeException | LinkageError unresolvable) {
            return false;
        }
    }

    private static String key(String policyName, MethodPattern pattern, String adviceShape) {
        return policyName + "\u0000" + pattern.text() + "\u0000" + adviceShape;
    }
}
