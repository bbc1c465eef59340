package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.agent.matching.MethodPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code docs/policy.schema.json}, the schema editors use, agrees with the parser the agent uses: on every example
 * in the docs and the demo, and on a corpus of valid and invalid files, whose error messages are golden files.
 */
class PolicySchemaTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("bulwark.repository", "..")).toAbsolutePath();
    private static final Path CORPUS = Path.of("src/test/resources/policy-corpus");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    private final Schema schema = loadSchema();
    private final PolicyFileParser parser = new PolicyFileParser();

    static Stream<Path> validFiles() throws IOException {
        return files(CORPUS.resolve("valid"));
    }

    static Stream<Path> invalidFiles() throws IOException {
        return files(CORPUS.resolve("invalid"));
    }

    static Stream<Path> filesOnlyTheParserRejects() throws IOException {
        return files(CORPUS.resolve("beyond-schema"));
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void schemaAndParserAcceptAValidFile(Path file) throws Exception {
        assertThat(schemaErrors(Files.readString(file))).isEmpty();
        assertThat(parser.parse(file).policies()).isNotNull();
    }

    /**
     * The policies are compared with the golden file beside the input, {@code <name>.parsed}: what the parser that
     * used Jackson's data binding returned, so that reading the file with jackson-core alone changed nothing.
     */
    @ParameterizedTest
    @MethodSource("validFiles")
    void aValidFileGivesThePoliciesOfItsGoldenFile(Path file) throws Exception {
        String expected = Files.readString(Path.of(file.toString().replace(".json", ".parsed"))).strip();

        assertThat(parser.parse(file).toString()).isEqualTo(expected);
    }

    /** The parser's message is compared with the golden file beside the input, {@code <name>.error}. */
    @ParameterizedTest
    @MethodSource("invalidFiles")
    void schemaAndParserRejectAnInvalidFileWithTheExpectedMessage(Path file) throws Exception {
        String expected = Files.readString(Path.of(file.toString().replace(".json", ".error"))).strip()
                .replace("${file}", file.toString());

        assertThat(schemaErrors(Files.readString(file))).isNotEmpty();
        assertThatThrownBy(() -> parser.parse(file)).isInstanceOf(PolicyFileException.class).hasMessage(expected);
    }

    /**
     * The checks JSON Schema cannot express (ranges of durations, keys compared with each other or with
     * {@code defaults}) are the parser's alone; the schema accepts these files, as docs/policies.md says.
     */
    @ParameterizedTest
    @MethodSource("filesOnlyTheParserRejects")
    void onlyTheParserRejectsAFileWhoseMistakeJsonSchemaCannotExpress(Path file) throws Exception {
        String expected = Files.readString(Path.of(file.toString().replace(".json", ".error"))).strip()
                .replace("${file}", file.toString());

        assertThat(schemaErrors(Files.readString(file))).isEmpty();
        assertThatThrownBy(() -> parser.parse(file)).isInstanceOf(PolicyFileException.class).hasMessage(expected);
    }

    @Test
    void everyPolicyFileExampleInTheDocsTheDemoAndTheBenchmarksIsValid() throws Exception {
        List<String> examples = new ArrayList<>();
        examples.add(Files.readString(REPOSITORY.resolve("demo/policies.json")));
        examples.add(Files.readString(REPOSITORY.resolve("benchmarks/policies.json")));
        examples.add(Files.readString(REPOSITORY.resolve("benchmarks/startup-policies.json")));
        examples.add(Files.readString(REPOSITORY.resolve("benchmarks/startup-policies-data.json")));
        for (String doc : List.of("README.md", "docs/policies.md")) {
            Matcher block = JSON_BLOCK.matcher(Files.readString(REPOSITORY.resolve(doc)));
            while (block.find()) {
                examples.add(block.group(1));
            }
        }

        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (String example : examples) {
            assertThat(schemaErrors(example)).as(example).isEmpty();
            Path file = Files.writeString(Files.createTempFile("example", ".json"), example);
            assertThat(parser.parse(file).policies()).as(example).isNotEmpty();
        }
    }

    @Test
    void schemaAndParserShareTheSyntaxOfMethodPatternsDurationsAndClassNames() throws Exception {
        JsonNode definitions = new ObjectMapper().readTree(REPOSITORY.resolve("docs/policy.schema.json").toFile())
                .path("$defs");

        assertThat(definitions.path("methodPattern").path("pattern").asText()).isEqualTo(MethodPattern.SYNTAX);
        assertThat(definitions.path("duration").path("pattern").asText()).isEqualTo(DurationText.SYNTAX);
        assertThat(definitions.path("className").path("pattern").asText()).isEqualTo(ClassNameText.SYNTAX);
    }

    private List<String> schemaErrors(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static Schema loadSchema() {
        try (InputStream in = Files.newInputStream(REPOSITORY.resolve("docs/policy.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Path> files(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(path -> path.toString().endsWith(".json")).sorted().toList().stream();
        }
    }
}
