package dev.bulwark.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.security.ProtectionDomain;
import java.util.List;

/** Adds {@link GuardAdvice} to the methods of a type that any pattern of any policy matches. */
final class PolicyTransformer implements AgentBuilder.Transformer {
    private final List<PatternBinding> bindings;

    PolicyTransformer(List<PatternBinding> bindings) {
        this.bindings = bindings;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader classLoader, JavaModule module,
                                            ProtectionDomain protectionDomain) {
        for (PatternBinding binding : bindings) {
            if (binding.types.matches(type)) {
                builder = builder.visit(Advice.withCustomMapping()
                        .bind(GuardSlot.class, binding.slot)
                        .bind(SiteId.class, new SiteRegistration(binding, classLoader))
                        .to(GuardAdvice.class)
                        .on(binding.methods));
            }
        }
        return builder;
    }
}
