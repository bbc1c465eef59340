package dev.bulwark.agent.policyfile;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a policy file must not load Jackson's data binding, which costs half a second of an application's start
 * (issue 5). The test JVM has loaded it for other tests, so a fresh JVM reads the file and lists what it loaded.
 */
class PolicyFileParserStartupTest {

    @Test
    void readingAPolicyFileLoadsNoClassOfJacksonDataBinding() throws Exception {
        Path file = Path.of("src/test/resources/policy-corpus/valid/every-kind.json").toAbsolutePath();
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), ReadOnce.class.getName(),
                file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("dev.bulwark.agent.policyfile.SettingsBinder", "com.fasterxml.jackson.core.JsonParser",
                "read 4 policies");
        assertThat(output.lines().filter(line -> line.contains("com.fasterxml.jackson.databind")).toList()).isEmpty();
    }

    /** Reads the policy file named by its argument, in a JVM of its own. */
    static final class ReadOnce {
        public static void main(String[] args) throws IOException, PolicyFileException {
            List<PolicyDefinition> policies = new PolicyFileParser().parse(Path.of(args[0])).policies();
            System.out.println("read " + policies.size() + " policies");
        }
    }
}
