package dev.bulwark.runtime.jmx;

/** The agent itself as operators see it in JConsole: {@code dev.bulwark:type=Agent}. */
public interface AgentMXBean {

    /** @return the agent's version */
    String getVersion();

    /** @return the absolute path of the policy file in use, or an empty string when none */
    String getPolicyFile();

    /** @return the names of the policies in force */
    String[] getPolicies();

    /** @return every advised method, as {@code policy: class#method(parameter types)} */
    String[] getInstrumentedMethods();

    /** @return method patterns of the policy file that have not matched any loaded method yet */
    String[] getUnmatchedPatterns();

    /** @return problems the agent met: an unusable policy file, a class it could not advise, … */
    String[] getErrors();

    /** @return the SHA-256 of the policy file in force, in hex, or an empty string when none */
    String getPolicyFileSha256();

    /** @return when the policy file was last read, successfully or not, as ISO-8601, or an empty string */
    String getLastReloadTime();

    /** @return why the last reload was refused, or an empty string when it succeeded */
    String getLastReloadError();

    /**
     * Reads the policy file again now. A valid file replaces the policies in force; an invalid one is refused and
     * the running policies stay.
     *
     * @return what happened, in one line
     */
    String reload();
}
