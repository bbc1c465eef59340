package dev.bulwark.agent.instrument;

import java.util.List;

/**
 * Types Bulwark never advises, whatever a policy file says: Bulwark's own code and the JDK classes it runs on.
 * Advising {@code ThreadLocal#get} or an atomic would make every guarded call recurse into its own guard.
 *
 * <p>Narrower than ByteBuddy's agent default, which skips every JDK class: the JDK's HttpClient
 * ({@code jdk.internal.net.http}) and JDBC ({@code java.sql}, {@code javax.sql}) must stay advisable.
 */
public final class IgnoredTypes {
    private static final List<String> IGNORED_PREFIXES = List.of(
            "dev.bulwark.agent.", "dev.bulwark.runtime.", "dev.bulwark.policies.", "dev.bulwark.shaded.",
            "net.bytebuddy.",
            "java.lang.", "java.util.", "java.io.", "java.nio.", "java.time.", "java.math.", "java.text.",
            "java.security.", "javax.management.",
            "jdk.internal.", "sun.", "com.sun.", "jdk.jfr.");
    private static final List<String> ADVISABLE_JDK_PREFIXES = List.of("jdk.internal.net.http.");

    private IgnoredTypes() {
    }

    /** @return whether Bulwark never advises the type of that binary name, whatever a policy says */
    public static boolean isIgnored(String name) {
        // Loops rather than streams: this runs for every class the JVM loads.
        for (String advisable : ADVISABLE_JDK_PREFIXES) {
            if (name.startsWith(advisable)) {
                return false;
            }
        }
        for (String ignored : IGNORED_PREFIXES) {
            if (name.startsWith(ignored)) {
                return true;
            }
        }
        return false;
    }
}
