package dev.bulwark.agent.instrument;

/**
 * Types Bulwark never advises, whatever a policy file says: Bulwark's own code and the JDK classes it runs on.
 * Advising {@code ThreadLocal#get} or an atomic would make every guarded call recurse into its own guard.
 *
 * <p>Narrower than ByteBuddy's agent default, which skips every JDK class: the JDK's HttpClient
 * ({@code jdk.internal.net.http}) and JDBC ({@code java.sql}, {@code javax.sql}) must stay advisable.
 */
public final class IgnoredTypes {
    // Arrays rather than lists: the filter runs this check for every class the JVM loads, and the JIT compiles an
    // array's loop into less code than a list's iterator, on a compiler thread the starting application needs.
    private static final String[] IGNORED_PREFIXES = {
        "dev.bulwark.agent.", "dev.bulwark.runtime.", "dev.bulwark.policies.", "dev.bulwark.shaded.",
        "net.bytebuddy.",
        "java.lang.", "java.util.", "java.io.", "java.nio.", "java.time.", "java.math.", "java.text.",
        "java.security.", "javax.management.",
        "jdk.internal.", "sun.", "com.sun.", "jdk.jfr."};
    private static final String[] ADVISABLE_JDK_PREFIXES = {"jdk.internal.net.http."};
    // The same in the form the JVM hands a transformer, so that the filter need not copy each class's name.
    private static final String[] IGNORED_INTERNAL_PREFIXES = internal(IGNORED_PREFIXES);
    private static final String[] ADVISABLE_JDK_INTERNAL_PREFIXES = internal(ADVISABLE_JDK_PREFIXES);

    private IgnoredTypes() {
    }

    /** @return whether Bulwark never advises the type of that binary name, whatever a policy says */
    public static boolean isIgnored(String name) {
        return isIgnored(name, ADVISABLE_JDK_PREFIXES, IGNORED_PREFIXES);
    }

    /** @return whether Bulwark never advises the type of that internal name ({@code java/lang/String}) */
    static boolean isIgnoredInternalName(String internalName) {
        return isIgnored(internalName, ADVISABLE_JDK_INTERNAL_PREFIXES, IGNORED_INTERNAL_PREFIXES);
    }

    private static boolean isIgnored(String name, String[] advisablePrefixes, String[] ignoredPrefixes) {
        for (String advisable : advisablePrefixes) {
            if (name.startsWith(advisable)) {
                return false;
            }
        }
        for (String ignored : ignoredPrefixes) {
            if (name.startsWith(ignored)) {
                return true;
            }
        }
        return false;
    }

    private static String[] internal(String[] prefixes) {
        String[] internal = new String[prefixes.length];
        for (int i = 0; i < prefixes.length; i++) {
            internal[i] = prefixes[i].replace('.', '/');
        }
        return internal;
    }
}
