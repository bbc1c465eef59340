package dev.bulwark.it;

import dev.bulwark.it.apps.ToolkitApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;

import java.nio.file.Path;

/** Starts {@link ToolkitApp} under the agent with one policy, and runs its commands. */
final class ToolkitFixture {

    private ToolkitFixture() {
    }

    /**
     * @param folder where the policy file is written
     * @param policy the JSON of one policy
     * @param url what the app's {@code http} command calls
     */
    static AgentJvm start(Path folder, String policy, String url) throws Exception {
        Path file = PolicyFiles.write(folder, "{ \"version\": 1, \"policies\": [ " + policy + " ] }");
        AgentJvm app = AgentJvm.start("policy=" + file, ToolkitApp.class, url);
        app.awaitLineContaining("APP READY");
        return app;
    }

    /** Sends {@code command} and waits until the app has run it. */
    static void run(AgentJvm app, String command) throws Exception {
        long before = app.countLines(line -> line.equals("DONE " + command));
        app.send(command);
        app.awaitLineCount(line -> line.equals("DONE " + command), before + 1);
    }

    /** @return the first outcome line of {@code command} name, e.g. {@code http RETURNED 200 interrupted=false} */
    static String lastOutcome(AgentJvm app, String name) {
        return app.output().stream()
                .filter(line -> line.startsWith(name + " RETURNED") || line.startsWith(name + " THREW"))
                .reduce((first, second) -> second)
                .orElseThrow();
    }
}
