package dev.bulwark.it.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes policy files for a test, as an operator would. Every file meant to be valid is first checked against
 * {@code docs/policy.schema.json}, so the schema editors use stays in step with what the tests run.
 */
public final class PolicyFiles {
    private static final Schema SCHEMA = loadSchema();

    private PolicyFiles() {
    }

    /** @return a new file in {@code folder} holding {@code json}, which must be valid */
    public static Path write(Path folder, String json) throws IOException {
        return writeTo(Files.createTempFile(folder, "policies-", ".json"), json);
    }

    /** Writes {@code json}, which must be valid, to {@code file}. */
    public static Path writeTo(Path file, String json) throws IOException {
        List<String> errors = SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("a test policy file does not match docs/policy.schema.json: " + errors
                    + "\n" + json);
        }
        return Files.writeString(file, json);
    }

    /** @return a new file in {@code folder} holding {@code json}, which a test means to be invalid */
    public static Path writeInvalid(Path folder, String json) throws IOException {
        return Files.writeString(Files.createTempFile(folder, "policies-", ".json"), json);
    }

    private static Schema loadSchema() {
        Path schema = Path.of(System.getProperty("bulwark.repository"), "docs", "policy.schema.json");
        try (InputStream in = Files.newInputStream(schema)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
