package dev.bulwark.policies.timeout.internal;

import dev.bulwark.policies.timeout.AdaptiveTimeoutConfig;
import dev.bulwark.policies.timeout.FixedTimeoutConfig;
import dev.bulwark.policies.timeout.Timeout;
import dev.bulwark.policies.timeout.TimeoutConfig;

import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Timeout} that is either a constant or reads the timeout its {@link LatencyWindow} last derived; the
 * pair is swapped whole on reconfiguration.
 */
public final class TrackingTimeout implements Timeout {
    private final String name;
    private final LongAdder timeouts = new LongAdder();
    private volatile State state;

    /**
     * @param name what operators know it by
     * @param config its settings
     */
    public TrackingTimeout(String name, TimeoutConfig config) {
        this.name = name;
        this.state = stateFor(config, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeoutConfig config() {
        return state.config;
    }

    @Override
    public long currentTimeoutNanos() {
        State current = state;
        return current.window == null ? current.fixedNanos : current.window.timeoutNanos();
    }

    @Override
    public void recordLatency(long nanos) {
        LatencyWindow window = state.window;
        if (window != null) {
            window.record(nanos);
        }
    }

    @Override
    public void onTimeout() {
        timeouts.increment();
    }

    @Override
    public long timeouts() {
        return timeouts.sum();
    }

    @Override
    public boolean reconfigure(TimeoutConfig config) {
        state = stateFor(config, state.window);
        return true;
    }

    private static State stateFor(TimeoutConfig config, LatencyWindow previous) {
        if (config instanceof FixedTimeoutConfig fixed) {
            return new State(config, fixed.duration().toNanos(), null);
        }
        return new State(config, 0, windowFor((AdaptiveTimeoutConfig) config, previous));
    }

    private static LatencyWindow windowFor(AdaptiveTimeoutConfig config, LatencyWindow previous) {
        if (previous != null && previous.size() == config.samples()) {
            previous.reconfigure(config);
            return previous;
        }
        return new LatencyWindow(config);
    }

    private record State(TimeoutConfig config, long fixedNanos, LatencyWindow window) {
    }
}
