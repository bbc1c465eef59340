package dev.bulwark.runtime.fallback;

import dev.bulwark.runtime.dispatch.AdvisedMethod;
import dev.bulwark.runtime.guard.ReplacedResult;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a failed call with the method's last good result for equal arguments, if it is recent enough; otherwise
 * the failure stands. Results are kept per advised method, at most {@code maxEntries} of them.
 *
 * <p>Equal arguments means {@link Object#equals} on each argument, as a {@link List} compares its elements. The
 * cache holds the arguments and results it keeps: a method whose arguments are large or unique per call gains
 * nothing from it.
 */
public final class CachedFallback implements Fallback {
    private final long ttlNanos;
    private final int maxEntries;

    /**
     * @param ttlNanos how old a result may be and still be returned
     * @param maxEntries how many results to keep per advised method
     */
    public CachedFallback(long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
    }

    @Override
    public boolean needsArguments() {
        return true;
    }

    @Override
    public void onSuccess(AdvisedMethod site, Object[] arguments, Object result) {
        if (arguments == null) {
            return;
        }
        Map<List<Object>, Stored> results = resultsOf(site);
        List<Object> key = Arrays.asList(arguments);
        if (results.size() >= maxEntries && !results.containsKey(key)) {
            // Bounded, not least-recently-used: an arbitrary entry makes room, which keeps this path lock-free.
            Iterator<List<Object>> any = results.keySet().iterator();
            if (any.hasNext()) {
                results.remove(any.next());
            }
        }
        results.put(key, new Stored(result, System.nanoTime()));
    }

    @Override
    public Object replace(Throwable failure, AdvisedMethod site, Object[] arguments) {
        if (arguments == null) {
            return failure;
        }
        Stored stored = resultsOf(site).get(Arrays.asList(arguments));
        if (stored == null || System.nanoTime() - stored.storedAtNanos > ttlNanos) {
            return failure;
        }
        return new ReplacedResult(stored.value);
    }

    @SuppressWarnings("unchecked")
    private Map<List<Object>, Stored> resultsOf(AdvisedMethod site) {
        return (Map<List<Object>, Stored>) site.fallbackResult(this, method -> new ConcurrentHashMap<>());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CachedFallback cached && cached.ttlNanos == ttlNanos && cached.maxEntries == maxEntries;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ttlNanos) * 31 + maxEntries;
    }

    private record Stored(Object value, long storedAtNanos) {
    }
}
