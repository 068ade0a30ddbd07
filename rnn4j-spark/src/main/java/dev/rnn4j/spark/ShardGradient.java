package dev.rnn4j.spark;

import dev.rnn4j.charlm.Trainer;
import dev.rnn4j.nn.Parameter;

import java.io.Serializable;
import java.util.List;

/**
 * A synchronous step's work on an executor: the gradient of one shard of the batch at the driver's current
 * weights, scaled by the shard's share of the batch, so the shards' sum is the whole batch's gradient.
 */
final class ShardGradient {

    /** The window starts of one shard and its share n/N of the batch's windows. */
    record Shard(long[] starts, double share) implements Serializable {
    }

    /**
     * A sum of shards' scaled gradients and share-weighted losses (null gradient: no shard yet), in double: a sum of
     * a few floats is then exact, so the result does not depend on the order in which tasks finish.
     */
    record Sum(double[] grad, double loss) implements Serializable {
        static final Sum ZERO = new Sum(null, 0);

        Sum plus(Sum o) {
            if (grad == null) {
                return o;
            }
            if (o.grad == null) {
                return this;
            }
            double[] g = grad.clone();
            for (int i = 0; i < g.length; i++) {
                g[i] += o.grad[i];
            }
            return new Sum(g, loss + o.loss);
        }

        /** The gradient rounded to float32, as a parameter holds it. */
        float[] floatGrad() {
            float[] out = new float[grad.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) grad[i];
            }
            return out;
        }
    }

    private ShardGradient() {
    }

    static Sum compute(TrainingData data, float[] weights, Shard shard) {
        Trainer replica = data.borrow(shard.starts().length);
        try {
            List<Parameter> params = replica.model().parameters();
            Weights.load(params, weights);
            replica.model().zeroGrad();
            double loss = replica.backward(shard.starts(), shard.share());
            float[] g = Weights.grads(params);
            double[] wide = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                wide[i] = g[i];
            }
            return new Sum(wide, loss * shard.share());
        } finally {
            data.release(replica);
        }
    }
}
