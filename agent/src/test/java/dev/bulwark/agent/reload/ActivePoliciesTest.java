package dev.bulwark.agent.reload;

import dev.bulwark.agent.instrument.PolicyInstrumentation;
import dev.bulwark.agent.policyfile.PolicyDefinition;
import dev.bulwark.agent.policyfile.PolicyFileParser;
import dev.bulwark.runtime.guard.GuardRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file's checks and the guards agree: whatever the checks accept, the guards can be built from. A setting the
 * checks let through but a guard refuses would fail only once the file is put in force, off the main thread, with
 * the application then running unguarded.
 */
class ActivePoliciesTest {
    private static final Path VALID = Path.of("src/test/resources/policy-corpus/valid");

    static Stream<Path> validFiles() throws IOException {
        try (Stream<Path> listing = Files.list(VALID)) {
            return listing.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void everyPolicyOfAValidFileIsPutInForceWithAGuard(Path file) throws Exception {
        List<PolicyDefinition> definitions = new PolicyFileParser().parse(file.toAbsolutePath()).policies();
        ActivePolicies active = new ActivePolicies(new PolicyInstrumentation(null));
        try {
            active.apply(definitions);

            List<String> names = definitions.stream().map(PolicyDefinition::name).toList();
            assertThat(active.names()).isEqualTo(names);
            assertThat(names).allSatisfy(name -> assertThat(GuardRegistry.guard(GuardRegistry.slotOf(name)))
                    .as(name).isNotNull());
        } finally {
            active.apply(List.of());
        }
    }
}
