package dev.rnn4j.spark;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.Parameter;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam's state for every parameter as flat vectors in {@code parameters()} order (its step count, first and second
 * moments), to ship to the replicas of parameter averaging and to average, as DL4J averages its updater state.
 */
record AdamMoments(float step, float[] expAvg, float[] expAvgSq) implements Serializable {
    private static final String STEP = "step";
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";

    /** The moments in a trainer's {@code optimizerState()}, or null before its first step. */
    static AdamMoments of(Map<String, Object> optimizerState, List<Parameter> params) {
        Map<?, ?> state = (Map<?, ?>) optimizerState.get("state");
        if (state.isEmpty()) {
            return null;
        }
        float[] m = new float[Weights.size(params)];
        float[] v = new float[m.length];
        float step = 0;
        int at = 0;
        for (int i = 0; i < params.size(); i++) {
            Map<?, ?> entry = (Map<?, ?>) state.get(i);
            step = ((Tensor) entry.get(STEP)).item();
            int n = params.get(i).numel();
            System.arraycopy(((Tensor) entry.get(EXP_AVG)).toFloatArray(), 0, m, at, n);
            System.arraycopy(((Tensor) entry.get(EXP_AVG_SQ)).toFloatArray(), 0, v, at, n);
            at += n;
        }
        return new AdamMoments(step, m, v);
    }

    /** {@code optimizerState} (its parameter groups kept) with these moments as its state. */
    Map<String, Object> into(Map<String, Object> optimizerState, List<Parameter> params) {
        Map<Integer, Object> state = new LinkedHashMap<>();
        int at = 0;
        for (int i = 0; i < params.size(); i++) {
            int[] shape = params.get(i).shape().toArray();
            int n = params.get(i).numel();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(STEP, Torch.scalar(step));
            entry.put(EXP_AVG, Torch.tensor(java.util.Arrays.copyOfRange(expAvg, at, at + n), shape));
            entry.put(EXP_AVG_SQ, Torch.tensor(java.util.Arrays.copyOfRange(expAvgSq, at, at + n), shape));
            state.put(i, entry);
            at += n;
        }
        Map<String, Object> out = new LinkedHashMap<>(optimizerState);
        out.put("state", state);
        return out;
    }

    /** The element-wise sum (steps are equal across replicas and are kept). */
    AdamMoments plus(AdamMoments o) {
        return new AdamMoments(step, Weights.add(expAvg.clone(), o.expAvg), Weights.add(expAvgSq.clone(), o.expAvgSq));
    }

    AdamMoments scaled(float s) {
        return new AdamMoments(step, Weights.scale(expAvg.clone(), s), Weights.scale(expAvgSq.clone(), s));
    }
}
