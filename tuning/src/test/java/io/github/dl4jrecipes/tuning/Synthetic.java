package io.github.dl4jrecipes.tuning;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Synthetic spaces and objectives for strategy tests: nothing trains a network. */
final class Synthetic {

    private Synthetic() {
    }

    /** One hyperparameter x uniform on [0, 1]. */
    static SearchSpace unitX() {
        return SearchSpace.of(Map.of("x", Params.uniform("x", 0, 1)));
    }

    /** A sampler that puts trial n at x = xs[n - 1]. */
    static Sampler fixed(List<Double> xs) {
        return (dims, history, trial, rng) -> trial <= xs.size() ? new double[] {xs.get(trial - 1)} : null;
    }

    /** Objective x, constant over epochs, counting the epochs each trial actually trains. */
    static Objective<Map<String, Object>> xCounting(Map<Double, AtomicInteger> epochsTrained) {
        return Objective.curve((c, epochs) -> {
            double x = (Double) c.get("x");
            epochsTrained.computeIfAbsent(x, k -> new AtomicInteger()).incrementAndGet();
            return x;
        });
    }

    static Map<Double, AtomicInteger> counter() {
        return new ConcurrentHashMap<>();
    }
}
