package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeader;
import dev.bulwark.agent.matching.ClassHeaders;
import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.matching.SubtypeMemo;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.runtime.dispatch.CallDispatcher;
import dev.bulwark.runtime.guard.GuardRegistry;
import dev.bulwark.runtime.jmx.AgentStatus;
import dev.bulwark.runtime.log.BulwarkLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    // Kept with their binding across reloads; a binding without one (a moment during an update) is matched exactly.
    private volatile Map<PatternBinding, SubtypeMemo> memos = Map.of();
    private boolean installed;

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
     * @param policies the policies in force from now on
     */
    public synchronized void update(List<PolicyDefinition> policies) {
        Map<String, PatternBinding> previous = new HashMap<>();
        bindings.forEach(binding -> previous.put(key(binding.policyName, binding.pattern, binding.adviceShape),
                binding));
        Map<String, PatternBinding> next = new LinkedHashMap<>();
        for (PolicyDefinition policy : policies) {
            int slot = GuardRegistry.slotOf(policy.name());
            boolean cachesResults = policy.fallback() != null && policy.fallback().cached() != null;
            boolean retries = policy.retry() != null;
            for (MethodPattern pattern : policy.methods()) {
                // The advice's shape is part of the key: a reload that changes it retransforms the classes.
                String key = key(policy.name(), pattern, PatternBinding.adviceShape(cachesResults, retries));
                PatternBinding binding = previous.containsKey(key) ? previous.get(key) : new PatternBinding(
                        policy.name(), slot, pattern, cachesResults, retries);
                binding.fallback(policy.fallback());
                next.put(key, binding);
            }
        }
        List<PatternBinding> added = next.values().stream().filter(binding -> !previous.containsValue(binding)).toList();
        List<PatternBinding> removed = previous.values().stream().filter(binding -> !next.containsValue(binding))
                .toList();
        Map<PatternBinding, SubtypeMemo> nextMemos = new HashMap<>();
        for (PatternBinding binding : next.values()) {
            SubtypeMemo memo = memos.get(binding);
            nextMemos.put(binding, memo != null ? memo : SubtypeMemo.of(binding.pattern));
        }
        memos = Map.copyOf(nextMemos);
        bindings = List.copyOf(next.values());
        inherited.forget(removed);
        if (installed) {
            retransform(added, removed);
        }
    }

    /**
     * Installs the transformation: a header filter at once, and ByteBuddy's transformer behind it as soon as
     * another thread has built it. Building it costs the application's main thread nothing: it loads most of
     * ByteBuddy, and generates a class, while the application starts; a class the filter lets through waits
     * for it, and those loaded before the filter was installed are retransformed once it is ready.
     *
     * @param status where classes that could not be advised are reported
     */
    public synchronized void install(AgentStatus status) {
        RuntimeClasses.load();
        HeaderPrefilter prefilter = new HeaderPrefilter(this::mayBeAdvised);
        prefilter.prepare();
        // Made before the filter is installed: linking the lambda runs the method-handle machinery (see prepare).
        Thread builder = new Thread(() -> buildByteBuddy(prefilter, status), "bulwark-advice");
        builder.setDaemon(true);
        prefilter.builtBy(builder);
        instrumentation.addTransformer(prefilter, true);
        try {
            builder.start();
        } catch (RuntimeException | Error cannotStart) {
            // Out of threads or memory: no class may wait for a transformer nobody builds.
            prefilter.delegateTo(null);
            throw cannotStart;
        }
        installed = true;
    }

    private void buildByteBuddy(HeaderPrefilter prefilter, AgentStatus status) {
        // Taken once the filter is in place, so no class can fall between the two; a class loaded since then and
        // advised already is advised the same again, since retransformation starts from its original bytes.
        Class<?>[] loadedBefore = instrumentation.getAllLoadedClasses();
        ClassFileTransformer byteBuddy = null;
        try {
            skipNexusInjection();
            byteBuddy = new AgentBuilder.Default()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(new TypePoolCaches())
                    .with(new TransformationErrors(status))
                    .ignore(IgnoredTypes.BY_NAME)
                    // Named JDK modules such as java.sql must be able to read the boot path's unnamed module.
                    .assureReadEdgeTo(instrumentation, CallDispatcher.class)
                    .type((type, loader, module, classBeingRedefined, domain) -> isAdvised(type)
                            && !IgnoredTypes.isSynthetic(type))
                    .transform(new PolicyTransformer(() -> bindings, inherited, problem -> {
                        status.addError(problem);
                        BulwarkLog.warning("Bulwark " + problem);
                    }))
                    .makeRaw();
        } catch (Throwable fault) {
            BulwarkLog.internalFault("preparing the advice; the application runs unguarded", fault);
        } finally {
            prefilter.delegateTo(byteBuddy);
        }
        if (byteBuddy != null) {
            retransformAdvised(loadedBefore);
        }
    }

    /** What installing ByteBuddy's transformer with retransformation did for the classes already loaded. */
    private void retransformAdvised(Class<?>[] loaded) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (instrumentation.isModifiableClass(type) && !type.isArray() && !type.isPrimitive()
                    && !IgnoredTypes.isIgnored(type.getName()) && isAdvisedLoaded(type)) {
                classes.add(type);
            }
        }
        retransformInBatches(classes);
    }

    private boolean isAdvisedLoaded(Class<?> type) {
        try {
            TypeDescription description = TypeDescription.ForLoadedType.of(type);
            return isAdvised(description) && !IgnoredTypes.isSynthetic(description);
        } catch (RuntimeException | LinkageError unresolvable) {
            return false;
        }
    }

    /**
     * ByteBuddy's AgentBuilder injects its {@code Nexus} class into the system class loader as it is constructed,
     * which on Java 17 means generating a mirror of {@code AccessibleObject} to reach {@code Unsafe}: a third of
     * a second of start-up spent on a class only used to initialise rebased types. Bulwark never rebases
     * ({@code disableClassFormatChanges()} selects no initialisation), so the Nexus is never needed. The property
     * carries the shaded package's name; a value the user set is left alone.
     */
    private static void skipNexusInjection() {
        String property = net.bytebuddy.ByteBuddy.class.getPackageName() + ".nexus.disabled";
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    /** The header pre-filter: rules out, before ByteBuddy parses it, a class that no pattern can match. */
    private boolean mayBeAdvised(ClassHeader header, ClassHeaders headers) {
        Map<PatternBinding, SubtypeMemo> memos = this.memos;
        for (PatternBinding binding : bindings) {
            SubtypeMemo memo = memos.get(binding);
            if (memo == null || memo.mayMatch(header, headers)) {
                return true;
            }
        }
        return inherited.declares(header.name());
    }

    /** The exact matcher, for the classes the pre-filter let through and for retransformations. */
    private boolean isAdvised(TypeDescription type) {
        for (PatternBinding binding : bindings) {
            if (binding.types.matches(type)) {
                return true;
            }
        }
        return inherited.types().matches(type);
    }

    private void retransform(List<PatternBinding> added, List<PatternBinding> removed) {
        Set<String> namesToRestore = new HashSet<>();
        removed.forEach(binding -> namesToRestore.addAll(binding.advisedTypeNames()));
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (instrumentation.isModifiableClass(type) && !type.isArray() && !type.isPrimitive()
                    && (namesToRestore.contains(type.getName()) || matchesAny(added, type))) {
                classes.add(type);
            }
        }
        retransformInBatches(classes);
    }

    private void retransformInBatches(List<Class<?>> classes) {
        for (int from = 0; from < classes.size(); from += RETRANSFORM_BATCH) {
            List<Class<?>> batch = classes.subList(from, Math.min(classes.size(), from + RETRANSFORM_BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(Class<?>[]::new));
            } catch (Exception | LinkageError e) {
                BulwarkLog.internalFault("retransforming classes to advise or restore them", e);
            }
        }
    }

    private static boolean matchesAny(List<PatternBinding> candidates, Class<?> type) {
        if (candidates.isEmpty()) {
            return false;
        }
        try {
            TypeDescription description = TypeDescription.ForLoadedType.of(type);
            if (IgnoredTypes.MATCHER.matches(description)) {
                return false;
            }
            return candidates.stream().anyMatch(binding -> binding.types.matches(description));
        } catch (RuntimeException | LinkageError unresolvable) {
            return false;
        }
    }

    private static String key(String policyName, MethodPattern pattern, String adviceShape) {
        return policyName + "\u0000" + pattern.text() + "\u0000" + adviceShape;
    }
}
