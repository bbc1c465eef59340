package dev.bulwark.runtime.guard;

/**
 * What a call returns instead of what its body returned or threw: a fallback value.
 *
 * @param value the value, already of the method's return type (boxed for primitives, never {@code null} for them)
 */
public record ReplacedResult(Object value) {
}
