package dev.bulwark.agent.instrument;

import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Superclasses that implement a pattern's method for a subtype of the pattern's type without being such a subtype
 * themselves ({@code BaseDataSource} for {@code PGSimpleDataSource}). They are found when the subtype is
 * transformed, which the JVM does before it loads the superclass, so the superclass is advised as it loads; one
 * loaded earlier is retransformed.
 */
final class InheritedImplementations {
    private final Map<String, Set<PatternBinding>> bindingsByDeclaringType = new ConcurrentHashMap<>();
    private final Instrumentation instrumentation;

    InheritedImplementations(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Notes the superclasses of {@code subtype} that implement {@code binding}'s methods from outside its type. */
    void noteSuperclassesOf(TypeDescription subtype, PatternBinding binding) {
        for (TypeDefinition superclass = subtype.getSuperClass(); superclass != null
                && !superclass.represents(Object.class); superclass = superclass.getSuperClass()) {
            TypeDescription declaring = superclass.asErasure();
            if (binding.types.matches(declaring)
                    || declaring.getDeclaredMethods().filter(not(isStatic()).and(binding.methods)).isEmpty()) {
                continue;
            }
            boolean added = bindingsByDeclaringType
                    .computeIfAbsent(declaring.getName(), name -> ConcurrentHashMap.newKeySet())
                    .add(binding);
            if (added) {
                retransformIfAlreadyLoaded(declaring.getName());
            }
        }
    }

    /** Forgets {@code removed} bindings, so that retransforming a superclass strips their advice. */
    void forget(Collection<PatternBinding> removed) {
        bindingsByDeclaringType.values().forEach(bindings -> bindings.removeAll(removed));
        bindingsByDeclaringType.values().removeIf(Set::isEmpty);
    }

    /** @return the bindings whose methods {@code type} implements for subtypes of their pattern's type */
    Set<PatternBinding> bindingsDeclaredBy(TypeDescription type) {
        return bindingsByDeclaringType.getOrDefault(type.getName(), Set.of());
    }

    /** @return matches the superclasses noted so far */
    ElementMatcher<TypeDescription> types() {
        return type -> declares(type.getName());
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
            dev.bulwark.runtime.log.BulwarkLog.internalFault("retransforming " + type.getName(), e);
        }
    }
}
