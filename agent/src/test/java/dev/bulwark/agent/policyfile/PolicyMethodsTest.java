package dev.bulwark.agent.policyfile;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyMethodsTest {
    private static final Path FILE = Path.of("policies.json");
    private final PolicyFileParser parser = new PolicyFileParser();

    @Test
    void theMethodsReadBeforeTheChecksAreThoseOfTheCheckedFileWithoutTheFallback() throws Exception {
        String json = """
                { "version": 1,
                  "defaults": { "retry": { "maxAttempts": 2 } },
                  "policies": [
                    { "name": "quotes", "methods": ["com.example.Quotes#quote(java.lang.String)", "com.example.*Feed#get(..)"],
                      "retry": {}, "fallback": { "value": "none" } },
                    { "name": "stock", "methods": ["com.example.Stock#of(..)"],
                      "fallback": { "cached": { "ttl": "1m" } } },
                    { "name": "plain", "methods": ["com.example.Plain#call()"], "circuitBreaker": {} } ] }
                """;

        List<PolicyMethods> previewed = methodsOf(json);
        List<PolicyMethods> checked = parser.parse(FILE, json.getBytes(StandardCharsets.UTF_8)).policies().stream()
                .map(PolicyDefinition::advisedMethods).toList();

        assertThat(previewed).hasSize(3);
        for (int i = 0; i < checked.size(); i++) {
            PolicyMethods check = checked.get(i);
            assertThat(previewed.get(i)).isEqualTo(new PolicyMethods(check.policyName(), check.methods(),
                    check.cachesResults(), check.retries(), null));
        }
        assertThat(previewed).extracting(PolicyMethods::retries).containsExactly(true, false, false);
        assertThat(previewed).extracting(PolicyMethods::cachesResults).containsExactly(false, true, false);
    }

    @Test
    void aFileOnlyTheChecksCanExplainHasNoMethodsBeforeThem() throws Exception {
        assertThat(methodsOf("[]")).isNull();
        assertThat(methodsOf("{ \"version\": 1 }")).isNull();
        assertThat(methodsOf("{ \"version\": 1, \"policies\": [ { \"name\": \"x\" } ] }")).isNull();
        assertThat(methodsOf("{ \"version\": 1, \"policies\": [ { \"name\": \"x\", \"methods\": [] } ] }")).isNull();
        assertThat(methodsOf("{ \"version\": 1, \"policies\": [ { \"name\": 7, \"methods\": [\"a.B#c()\"] } ] }"))
                .isNull();
        assertThat(methodsOf("{ \"version\": 1, \"policies\": [ { \"name\": \"x\", \"methods\": [\"no pattern\"] } ] }"))
                .isNull();
    }

    @Test
    void contentThatIsNotJsonIsRefusedAlreadyWhenTheMethodsAreRead() {
        assertThatThrownBy(() -> methodsOf("{ \"version\": 1, ")).isInstanceOf(PolicyFileException.class)
                .hasMessageStartingWith("policies.json:1:");
    }

    private List<PolicyMethods> methodsOf(String json) throws PolicyFileException {
        return parser.methodsOf(parser.tree(FILE, json.getBytes(StandardCharsets.UTF_8)));
    }
}
