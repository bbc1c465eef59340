package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeaders;
import dev.bulwark.agent.matching.ClassOutline;
import dev.bulwark.agent.matching.ClassOutlines;
import dev.bulwark.agent.matching.MethodOutline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Decides which methods of a class get which guard advice: those that any pattern of any policy matches, and those
 * a matching class inherits from a superclass outside the pattern's type.
 */
final class AdvicePlanner {
    private final Supplier<List<PatternBinding>> bindings;
    private final InheritedImplementations inherited;
    private final Consumer<String> problems;

    /**
     * @param bindings the patterns in force
     * @param inherited the superclasses found so far to implement patterns' methods
     * @param problems where a fallback a method cannot return is reported
     */
    AdvicePlanner(Supplier<List<PatternBinding>> bindings, InheritedImplementations inherited,
                  Consumer<String> problems) {
        this.bindings = bindings;
        this.inherited = inherited;
        this.problems = problems;
    }

    /**
     * @param type the class to advise, as its class file declares it
     * @param loader its class loader, {@code null} for the boot loader
     * @return the advice of each method to advise, by {@code name + descriptor}; empty when none is
     */
    Map<String, List<MethodAdvice>> plan(ClassOutline type, ClassLoader loader) {
        Map<String, List<MethodAdvice>> plan = new HashMap<>();
        ClassHeaders headers = new ClassHeaders(loader);
        ClassOutlines outlines = new ClassOutlines(loader);
        SiteRegistration sites = new SiteRegistration(loader, outlines, problems);
        for (PatternBinding binding : bindings.get()) {
            if (!Boolean.TRUE.equals(binding.types.matches(type.header(), headers))) {
                continue;
            }
            inherited.noteSuperclassesOf(type, binding, headers, outlines);
            for (MethodOutline method : type.methods()) {
                if (binding.methods.test(method)) {
                    MethodAdvice.Enter enter = binding.withArguments.test(method) ? MethodAdvice.Enter.WITH_ARGUMENTS
                            : MethodAdvice.Enter.PLAIN;
                    add(plan, method, new MethodAdvice(enter, binding.slot, -1, sites.siteOf(binding, type, method)));
                }
            }
        }
        for (PatternBinding binding : inherited.bindingsDeclaredBy(type.name())) {
            for (MethodOutline method : type.methods()) {
                if (!method.isStatic() && binding.methods.test(method)) {
                    add(plan, method, new MethodAdvice(MethodAdvice.Enter.IF_RECEIVER_IS, binding.slot,
                            binding.receiverTypeId(), sites.siteOf(binding, type, method)));
                }
            }
        }
        return plan;
    }

    private static void add(Map<String, List<MethodAdvice>> plan, MethodOutline method, MethodAdvice advice) {
        plan.computeIfAbsent(method.name() + method.descriptor(), key -> new ArrayList<>()).add(advice);
    }
}
