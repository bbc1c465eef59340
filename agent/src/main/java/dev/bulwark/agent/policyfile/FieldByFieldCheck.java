package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.agent.matching.MethodPattern;
import dev.bulwark.agent.policyfile.ErrorText.Described;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds every error of a file that is well-formed JSON but does not bind. Jackson stops at the first; here each
 * key is bound on its own, through the same types and so with the same messages, and the errors are listed in
 * the order they appear in the file.
 */
final class FieldByFieldCheck {
    /** The blocks of {@code defaults} whose keys are checked one by one. */
    private static final Map<String, Class<?>> DEFAULTS_BLOCKS = Map.of(
            "circuitBreaker", CircuitBreakerSettings.class,
            "bulkhead", BulkheadSettings.class,
            "rateLimiter", RateLimiterSettings.class,
            "timeout", TimeoutSettings.class,
            "retry", RetrySettings.class);
    /** The blocks of a policy whose keys are checked one by one. */
    private static final Map<String, Class<?>> POLICY_BLOCKS = Map.of(
            "circuitBreaker", CircuitBreakerSettings.class,
            "bulkhead", BulkheadSettings.class,
            "rateLimiter", RateLimiterSettings.class,
            "timeout", TimeoutSettings.class,
            "retry", RetrySettings.class,
            "fallback", FallbackSettings.class);
    /** Blocks within blocks, checked one key at a time too. */
    private static final Map<Class<?>, Map<String, Class<?>>> NESTED_BLOCKS = Map.of(
            TimeoutSettings.class, Map.of("adaptive", AdaptiveTimeoutSettings.class),
            RetrySettings.class, Map.of("budget", RetryBudgetSettings.class),
            FallbackSettings.class, Map.of("cached", CachedFallbackSettings.class));

    private final ObjectMapper mapper;
    private final Path file;
    private final byte[] content;
    private final List<Described> errors = new ArrayList<>();

    FieldByFieldCheck(ObjectMapper mapper, Path file, byte[] content) {
        this.mapper = mapper;
        this.file = file;
        this.content = content;
    }

    /** @return every error, one per line, {@code first} (what Jackson stopped at) among them */
    String errors(JsonProcessingException first) {
        errors.add(ErrorText.describe(file, content, first, JsonPointer.empty()));
        try {
            JsonNode root = mapper.readTree(content);
            if (root.isObject()) {
                checkTopLevel((ObjectNode) root);
            }
        } catch (IOException unreadable) {
            // The first error is reported alone.
        }
        // The same mistake found twice, once placed by Jackson and once in a part bound alone, is listed once.
        Map<String, Described> distinct = new LinkedHashMap<>();
        for (Described error : errors) {
            distinct.merge(error.what(), error, (kept, other) -> kept.isPlaced() ? kept : other);
        }
        return distinct.values().stream()
                .sorted(Comparator.comparingInt((Described error) -> error.location().getLineNr())
                        .thenComparingInt(error -> error.location().getColumnNr()))
                .map(Described::text)
                .collect(Collectors.joining("\n"));
    }

    private void checkTopLevel(ObjectNode root) {
        if (!root.has("version")) {
            bind(mapper.createObjectNode().set("policies", mapper.createArrayNode()), PolicyFile.class,
                    JsonPointer.empty());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("policies") && field.getValue().isArray()) {
                for (int i = 0; i < field.getValue().size(); i++) {
                    checkPolicy(field.getValue().get(i), JsonPointer.compile("/policies/" + i));
                }
            } else if (field.getKey().equals("defaults") && field.getValue().isObject()) {
                checkDefaults(field.getValue());
            } else {
                ObjectNode alone = mapper.createObjectNode().put("version", PolicyFile.CURRENT_VERSION);
                alone.set(field.getKey(), field.getValue());
                bind(alone, PolicyFile.class, JsonPointer.empty());
            }
        }
    }

    private void checkDefaults(JsonNode defaults) {
        JsonPointer base = JsonPointer.compile("/defaults");
        for (Iterator<Map.Entry<String, JsonNode>> fields = defaults.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Class<?> block = DEFAULTS_BLOCKS.get(field.getKey());
            if (block != null && field.getValue().isObject()) {
                checkEachKey(field.getValue(), block, base.appendProperty(field.getKey()));
            } else {
                bind(mapper.createObjectNode().set(field.getKey(), field.getValue()), PolicyDefaults.class, base);
            }
        }
    }

    private void checkPolicy(JsonNode policy, JsonPointer base) {
        if (!policy.isObject()) {
            bind(policy, PolicyDefinition.class, base);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = policy.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("methods") && value.isArray() && !value.isEmpty()) {
                for (int i = 0; i < value.size(); i++) {
                    bind(value.get(i), MethodPattern.class, base.appendProperty("methods").appendIndex(i));
                }
            } else if (POLICY_BLOCKS.containsKey(field.getKey()) && value.isObject()) {
                checkEachKey(value, POLICY_BLOCKS.get(field.getKey()), base.appendProperty(field.getKey()));
            } else {
                bind(mapper.createObjectNode().set(field.getKey(), value), PolicyDefinition.class, base);
            }
        }
    }

    private void checkEachKey(JsonNode object, Class<?> type, JsonPointer base) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Class<?> nested = NESTED_BLOCKS.getOrDefault(type, Map.of()).get(field.getKey());
            if (nested != null && field.getValue().isObject()) {
                checkEachKey(field.getValue(), nested, base.appendProperty(field.getKey()));
            } else {
                bind(mapper.createObjectNode().set(field.getKey(), field.getValue()), type, base);
            }
        }
    }

    private void bind(JsonNode node, Class<?> type, JsonPointer base) {
        try {
            mapper.readerFor(type).readValue(node);
        } catch (JsonProcessingException e) {
            errors.add(ErrorText.describe(file, content, e, base));
        } catch (IOException | RuntimeException notAMappingError) {
            // Only mapping errors are listed; the first error already stands for anything else.
        }
    }
}
