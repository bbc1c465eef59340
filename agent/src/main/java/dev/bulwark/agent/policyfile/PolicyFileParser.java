package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.bulwark.agent.matching.MethodPattern;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a policy file strictly: unknown keys, duplicate keys, wrong types and values out of range are errors
 * that name the file, the line and column, the key and what is allowed. Nothing is silently ignored.
 */
public final class PolicyFileParser {
    private final ObjectReader reader;

    /** Creates a parser; it is thread-safe and reusable. */
    public PolicyFileParser() {
        SimpleModule policyTypes = new SimpleModule("bulwark-policy-types")
                .addDeserializer(Duration.class, fromText(DurationText::parse))
                .addDeserializer(MethodPattern.class, fromText(MethodPattern::parse));
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(policyTypes)
                .build();
        this.reader = mapper.readerFor(PolicyFile.class);
    }

    /**
     * @param file the policy file
     * @return the validated policies
     * @throws PolicyFileException naming the file, position, key and what is allowed
     */
    public PolicyFile parse(Path file) throws PolicyFileException {
        try (InputStream in = Files.newInputStream(file)) {
            Optional<String> firstNull = JsonPaths.firstNull(file);
            if (firstNull.isPresent()) {
                // No key takes null: a null would silently mean "the default", which leaving the key out says plainly.
                throw new PolicyFileException(file + ":" + firstNull.get()
                        + ": null is not allowed; leave the key out to take its default");
            }
            PolicyFile policies = reader.readValue(in);
            if (policies.policies() == null) {
                throw new PolicyFileException(file + ": \"policies\" is missing; list the policies, or write [] "
                        + "for none");
            }
            return policies;
        } catch (NoSuchFileException e) {
            throw new PolicyFileException(file + ": policy file not found", e);
        } catch (JsonProcessingException e) {
            throw new PolicyFileException(describe(file, e), e);
        } catch (IOException e) {
            throw new PolicyFileException(file + ": cannot read policy file: " + e.getMessage(), e);
        }
    }

    private static String describe(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String path = "";
        if (e instanceof StreamReadException && e.getProcessor() instanceof JsonParser) {
            path = JsonPaths.readable(((JsonParser) e.getProcessor()).getParsingContext().pathAsPointer());
        } else if (e instanceof JsonMappingException) {
            JsonMappingException mapping = (JsonMappingException) e;
            path = JsonPaths.readable(mapping);
            if (!(mapping.getCause() instanceof StreamReadException)) {
                // A syntax error is where Jackson says; a mapping error is best shown at its key.
                location = JsonPaths.locate(file, mapping).orElse(location);
            }
        }
        String position = location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
        return file + position + ": " + (path.isEmpty() ? "" : path + ": ") + problem(e);
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException unknown = (UnrecognizedPropertyException) e;
            return "unknown key \"" + unknown.getPropertyName() + "\"; allowed keys: "
                    + String.join(", ", names(unknown.getKnownPropertyIds()));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        return e.getOriginalMessage();
    }

    private static Collection<String> names(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return names;
    }

    /** A deserializer for a value written as a JSON string and read by {@code parse}. */
    private static <T> JsonDeserializer<T> fromText(Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                    throw JsonMappingException.from(parser, "expected a string, found " + parser.currentToken());
                }
                try {
                    return parse.apply(parser.getText());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(parser, e.getMessage());
                }
            }
        };
    }
}
