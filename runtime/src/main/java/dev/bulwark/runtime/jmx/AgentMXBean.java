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
}
