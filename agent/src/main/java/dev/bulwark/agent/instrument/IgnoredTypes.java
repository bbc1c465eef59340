package dev.bulwark.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;

/**
 * Types Bulwark never advises, whatever a policy file says: Bulwark's own code and the JDK classes it runs on.
 * Advising {@code ThreadLocal#get} or an atomic would make every guarded call recurse into its own guard.
 *
 * <p>This replaces ByteBuddy's default, which skips every JDK class: the JDK's HttpClient
 * ({@code jdk.internal.net.http}) and JDBC ({@code java.sql}, {@code javax.sql}) must stay advisable.
 */
final class IgnoredTypes {
    private static final List<String> IGNORED_PREFIXES = List.of(
            "dev.bulwark.agent.", "dev.bulwark.runtime.", "dev.bulwark.policies.", "dev.bulwark.shaded.",
            "net.bytebuddy.",
            "java.lang.", "java.util.", "java.io.", "java.nio.", "java.time.", "java.math.", "java.text.",
            "java.security.", "javax.management.",
            "jdk.internal.", "sun.", "com.sun.", "jdk.jfr.");
    private static final List<String> ADVISABLE_JDK_PREFIXES = List.of("jdk.internal.net.http.");

    /** Matches the types never to advise. */
    static final ElementMatcher<TypeDescription> MATCHER = IgnoredTypes::isIgnored;

    private IgnoredTypes() {
    }

    private static boolean isIgnored(TypeDescription type) {
        String name = type.getName();
        if (ADVISABLE_JDK_PREFIXES.stream().anyMatch(name::startsWith)) {
            return false;
        }
        return IGNORED_PREFIXES.stream().anyMatch(name::startsWith) || isSynthetic().matches(type);
    }
}
