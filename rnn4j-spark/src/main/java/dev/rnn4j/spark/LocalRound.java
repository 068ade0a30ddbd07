package dev.rnn4j.spark;

import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.random.Generator;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A round of parameter averaging on an executor: one replica starts from the driver's weights and Adam state and
 * takes K ordinary steps on batches it draws from its own generator (seeded by the driver for this round and
 * replica, never the JVM's default one); the driver then averages what the replicas end with.
 */
final class LocalRound {

    /** What every replica starts a round from. */
    record Start(float[] weights, AdamMoments moments, int steps, long seed) implements Serializable {
    }

    /** A sum over replicas of their final weights and Adam moments, and of their steps' losses. */
    record Sum(float[] weights, AdamMoments moments, double loss, int replicas) implements Serializable {
        static final Sum ZERO = new Sum(null, null, 0, 0);

        Sum plus(Sum o) {
            if (weights == null) {
                return o;
            }
            return o.weights == null ? this : new Sum(Weights.add(weights.clone(), o.weights),
                    moments.plus(o.moments), loss + o.loss, replicas + o.replicas);
        }
    }

    private LocalRound() {
    }

    /** Replica {@code index}'s round, on batches of {@code batch} windows. */
    static Sum run(TrainingData data, Start start, int index, int batch) {
        Trainer replica = data.borrow(batch);
        try {
            List<Parameter> params = replica.model().parameters();
            Weights.load(params, start.weights());
            Map<String, Object> state = replica.optimizerState();
            replica.restore(0, start.moments() == null ? emptied(state) : start.moments().into(state, params));
            Generator g = new Generator();
            g.manualSeed(start.seed() + index);
            double loss = 0;
            for (int k = 0; k < start.steps(); k++) {
                long[] starts = replica.drawStarts(g);
                replica.model().zeroGrad();
                loss += replica.backward(starts, 1);
                replica.applyGradients();
            }
            return new Sum(Weights.values(params), AdamMoments.of(replica.optimizerState(), params),
                    loss / start.steps(), 1);
        } finally {
            data.release(replica);
        }
    }

    private static Map<String, Object> emptied(Map<String, Object> optimizerState) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(optimizerState);
        out.put("state", Map.of());
        return out;
    }
}
