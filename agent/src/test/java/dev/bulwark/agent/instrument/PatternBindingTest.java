package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.policyfile.FallbackSettings;
import dev.bulwark.agent.policyfile.PolicyFileParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PatternBindingTest {
    private static final String SIGNATURE = "com.example.Quotes#count()";

    private final PatternBinding binding = new PatternBinding("quotes", 0, MethodPattern.parse(SIGNATURE), false,
            false);
    private final List<String> problems = new ArrayList<>();

    @Test
    void aFallbackValueKnownWhenAMethodIsAdvisedIsCheckedAgainstItsReturnType() throws Exception {
        binding.fallback(fallbackValue("\"many\""), problems::add);

        binding.siteOf(getClass().getClassLoader(), SIGNATURE, "int", () -> 1, problems::add);

        assertThat(problems).singleElement().asString()
                .startsWith("policy 'quotes' cannot fall back for " + SIGNATURE + ": ");
    }

    @Test
    void aFallbackValueThatComesAfterTheMethodWasAdvisedIsCheckedThen() throws Exception {
        binding.siteOf(getClass().getClassLoader(), SIGNATURE, "int", () -> 1, problems::add);
        assertThat(problems).isEmpty();

        binding.fallback(fallbackValue("\"many\""), problems::add);

        assertThat(problems).singleElement().asString()
                .startsWith("policy 'quotes' cannot fall back for " + SIGNATURE + ": ");
    }

    @Test
    void theSameFallbackSetAgainIsNotReportedAgainAndOneTheMethodCanReturnNotAtAll() throws Exception {
        binding.siteOf(getClass().getClassLoader(), SIGNATURE, "int", () -> 1, problems::add);
        binding.fallback(fallbackValue("\"many\""), problems::add);
        binding.fallback(fallbackValue("\"many\""), problems::add);
        binding.fallback(fallbackValue("3"), problems::add);

        assertThat(problems).hasSize(1);
    }

    private static FallbackSettings fallbackValue(String json) throws Exception {
        String file = "{ \"version\": 1, \"policies\": [ { \"name\": \"quotes\", \"methods\": [\"" + SIGNATURE
                + "\"], \"fallback\": { \"value\": " + json + " } } ] }";
        return new PolicyFileParser().parse(Path.of("policies.json"), file.getBytes(StandardCharsets.UTF_8))
                .policies().get(0).fallback();
    }
}
