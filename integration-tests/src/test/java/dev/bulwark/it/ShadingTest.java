package dev.bulwark.it;

import dev.bulwark.it.apps.JacksonApp;
import dev.bulwark.it.support.AgentJvm;
import dev.bulwark.it.support.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's own Jackson and ASM stay out of the application's way. */
class ShadingTest {

    @TempDir
    Path folder;

    @Test
    void anAppBundlingAnotherJacksonVersionUsesItsOwn() throws Exception {
        Path policy = PolicyFiles.write(folder, """
                { "version": 1, "policies": [ { "name": "inventory-api",
                                               "methods": ["java.net.http.HttpClient#send(..)"] } ] }
                """);

        try (AgentJvm app = AgentJvm.start(policy.toString(), JacksonApp.class)) {
            assertThat(app.awaitExit()).isZero();
            assertThat(app.output()).contains("JACKSON " + System.getProperty("app.jackson.version") + " {\"sku\":42}");
            assertThat(app.output()).anyMatch(line -> line.contains("Bulwark 0.1.0-SNAPSHOT guards 1 policies"));
        }
    }

    @Test
    void theAgentWritesNothingToDiskSoATemporaryFolderItCannotUseDoesNotStopIt() throws Exception {
        Path policy = PolicyFiles.write(folder, """
                { "version": 1, "policies": [ { "name": "inventory-api",
                                               "methods": ["java.net.http.HttpClient#send(..)"] } ] }
                """);
        Path missing = folder.resolve("no-such-folder");

        try (AgentJvm app = AgentJvm.start(policy.toString(), List.of("-Djava.io.tmpdir=" + missing),
                JacksonApp.class)) {
            assertThat(app.awaitExit()).isZero();
            assertThat(app.output()).anyMatch(line -> line.contains("Bulwark 0.1.0-SNAPSHOT guards 1 policies"));
        }
    }

    @Test
    void theAgentJarHoldsNoUnrelocatedThirdPartyClassesAndDeclaresItsEntryPoints() throws Exception {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            assertThat(jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")))
                    .allMatch(name -> name.startsWith("dev/bulwark/agent/") || name.startsWith("dev/bulwark/runtime/")
                            || name.startsWith("dev/bulwark/policies/") || name.startsWith("dev/bulwark/shaded/"))
                    .anyMatch(name -> name.startsWith("dev/bulwark/shaded/jackson/"))
                    .anyMatch(name -> name.startsWith("dev/bulwark/shaded/asm/"));
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.bulwark.agent.BulwarkAgent");
            assertThat(manifest.getMainAttributes().getValue("Agent-Class")).isEqualTo("dev.bulwark.agent.BulwarkAgent");
            assertThat(manifest.getMainAttributes().getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }
}
