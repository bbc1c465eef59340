package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeaders;
import dev.bulwark.agent.matching.ClassOutline;
import dev.bulwark.agent.matching.ClassOutlines;

import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Superclasses that implement a pattern's method for a subtype of the pattern's type without being such a subtype
 * themselves ({@code BaseDataSource} for {@code PGSimpleDataSource}). They are found when the subtype is
 * transformed, which the JVM does before it loads the superclass, so the superclass is advised as it loads; one
 * loaded earlier is retransformed.
 */
final class InheritedImplementations {
    private static final String OBJECT = "java.lang.Object";
    private final Map<String, Set<PatternBinding>> bindingsByDeclaringType = new ConcurrentHashMap<>();
    private final Instrumentation instrumentation;

    InheritedImplementations(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /**
     * Notes the superclasses of {@code subtype} that implement {@code binding}'s methods from outside its type.
     *
     * @param headers finds supertypes' headers through {@code subtype}'s loader, to tell whether they match
     * @param outlines reads supertypes' methods through that loader
     */
    void noteSuperclassesOf(ClassOutline subtype, PatternBinding binding, ClassHeaders headers,
                            ClassOutlines outlines) {
        String superclass = subtype.header().superclass();
        while (superclass != null && !superclass.equals(OBJECT)) {
            Optional<ClassOutline> found = outlines.find(superclass);
            if (found.isEmpty()) {
                return;
            }
            ClassOutline declaring = found.get();
            boolean implementsMethod = declaring.methods().stream()
                    .anyMatch(method -> !method.isStatic() && binding.methods.test(method));
            if (implementsMethod && !Boolean.TRUE.equals(binding.types.matches(declaring.header(), headers))) {
                boolean added = bindingsByDeclaringType
                        .computeIfAbsent(declaring.name(), name -> ConcurrentHashMap.newKeySet())
                        .add(binding);
                if (added) {
                    retransformIfAlreadyLoaded(declaring.name());
                }
            }
            superclass = declaring.header().superclass();
        }
    }

    /** Forgets {@code removed} bindings, so that retransforming a superclass strips their advice. */
    void forget(Collection<PatternBinding> removed) {
        bindingsByDeclaringType.values().forEach(bindings -> bindings.removeAll(removed));
        bindingsByDeclaringType.values().removeIf(Set::isEmpty);
    }

    /** @return the bindings whose methods {@code type} implements for subtypes of their pattern's type */
    Set<PatternBinding> bindingsDeclaredBy(String typeName) {
        return bindingsByDeclaringType.getOrDefault(typeName, Set.of());
    }

    /** @return whether the type of that binary name is one of the superclasses noted so far */
    boolean declares(String typeName) {
        return bindingsByDeclaringType.containsKey(typeName);
    }

    private void retransformIfAlreadyLoaded(String typeName) {
        // Never from the transforming thread: the JVM is in the middle of defining a class there.
        Thread retransform = new Thread(() -> Arrays.stream(instrumentation.getAllLoadedClasses())
                .filter(type -> type.getName().equals(typeName) && instrumentation.isModifiableClass(type))
                .forEach(this::retransform), "bulwark-retransform");
        retransform.setDaemon(true);
        retransform.start();
    }

    private void retransform(Class<?> type) {
        try {
            instrumentation.retransformClasses(type);
        } catch (Exception | LinkageError e) {
            dev.bulwark.runtime.log.BulwarkLog.internalFault("retransforming " + type.getName(), e,
                    "its inherited methods stay as they were, unguarded");
        }
    }
}
