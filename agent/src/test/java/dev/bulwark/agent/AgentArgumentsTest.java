package dev.bulwark.agent;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentArgumentsTest {

    @Test
    void aBarePathIsThePolicyFile() {
        AgentArguments arguments = AgentArguments.parse("/etc/bulwark/policies.json");

        assertThat(arguments.policyFile()).contains(Path.of("/etc/bulwark/policies.json"));
        assertThat(arguments.strict()).isFalse();
    }

    @Test
    void keyValueFormTakesPolicyStrictAndReportDelay() {
        AgentArguments arguments = AgentArguments.parse("policy=p.json,strict=true,reportUnmatchedAfter=5s");

        assertThat(arguments.policyFile()).contains(Path.of("p.json"));
        assertThat(arguments.strict()).isTrue();
        assertThat(arguments.reportUnmatchedAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsThatSayWhatIsAllowed() {
        assertThatThrownBy(() -> AgentArguments.parse("policy=p.json,strikt=true"))
                .hasMessage("unknown agent argument \"strikt\"; allowed: policy=<path>, strict=true|false, reload=true|false, "
                        + "reportUnmatchedAfter=<duration>");
        assertThatThrownBy(() -> AgentArguments.parse("policy=p.json,strict=yes"))
                .hasMessageContaining("must be true or false");
    }

    @Test
    void theArgumentWinsOverTheSystemPropertyWhichWinsOverTheEnvironment() {
        Map<String, String> environment = Map.of("BULWARK_POLICY", "env.json");

        assertThat(AgentArguments.parse("arg.json").resolvePolicyFile("prop.json", environment))
                .contains(Path.of("arg.json"));
        assertThat(AgentArguments.parse(null).resolvePolicyFile("prop.json", environment))
                .contains(Path.of("prop.json"));
        assertThat(AgentArguments.parse("strict=false").resolvePolicyFile(null, environment))
                .contains(Path.of("env.json"));
        assertThat(AgentArguments.parse("").resolvePolicyFile(null, Map.of())).isEqualTo(Optional.empty());
    }
}
