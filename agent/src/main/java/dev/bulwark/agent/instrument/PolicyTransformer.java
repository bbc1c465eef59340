package dev.bulwark.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Adds the guard advice to the methods of a type that any pattern of any policy matches, and to methods a
 * matching type inherits from a superclass outside the pattern's type.
 */
final class PolicyTransformer {
    private final Supplier<List<PatternBinding>> bindings;
    private final InheritedImplementations inherited;
    private final Consumer<String> problems;

    PolicyTransformer(Supplier<List<PatternBinding>> bindings, InheritedImplementations inherited,
                      Consumer<String> problems) {
        this.bindings = bindings;
        this.inherited = inherited;
        this.problems = problems;
    }

    /** @return {@code builder} with the advice for {@code type}'s matching methods */
    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader classLoader) {
        for (PatternBinding binding : bindings.get()) {
            if (binding.types.matches(type)) {
                inherited.noteSuperclassesOf(type, binding);
                Advice.WithCustomMapping mapping = Advice.withCustomMapping()
                        .bind(GuardSlot.class, binding.slot)
                        .bind(SiteId.class, new SiteRegistration(binding, classLoader, problems));
                builder = builder
                        .visit(mapping.to(ArgumentsEnterAdvice.class, GuardAdvice.class)
                                .on(any().and(binding.methods).and(binding.withArguments)))
                        .visit(mapping.to(GuardAdvice.class)
                                .on(any().and(binding.methods).and(not(binding.withArguments))));
            }
        }
        for (PatternBinding binding : inherited.bindingsDeclaredBy(type)) {
            builder = builder.visit(Advice.withCustomMapping()
                    .bind(GuardSlot.class, binding.slot)
                    .bind(ReceiverTypeId.class, binding.receiverTypeId())
                    .bind(SiteId.class, new SiteRegistration(binding, classLoader, problems))
                    .to(ReceiverCheckedEnterAdvice.class, GuardAdvice.class)
                    .on(not(isStatic()).and(binding.methods)));
        }
        return builder;
    }
}
