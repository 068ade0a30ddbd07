package dev.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parameter's optimizer state, as PyTorch's {@code optimizer.state[p]}: named float32
 * buffers in PyTorch's key order. {@code "step"} is a one-element buffer because PyTorch keeps
 * the step count in a 0-d float32 tensor (and counts in float32).
 */
final class ParamState {

    static final String STEP = "step";

    private final Map<String, float[]> buffers = new LinkedHashMap<>();

    float[] get(String name) {
        return buffers.get(name);
    }

    /** The buffer, created as zeros when this state lacks it (an option switched on after the first step). */
    float[] getOrZeros(String name, int length) {
        return buffers.computeIfAbsent(name, k -> new float[length]);
    }

    void put(String name, float[] values) {
        buffers.put(name, values);
    }

    boolean isEmpty() {
        return buffers.isEmpty();
    }

    Map<String, float[]> buffers() {
        return buffers;
    }

    /** {@code step_t += 1} in float32, then the Python float that {@code _get_value(step_t)} reads. */
    double incrementStep() {
        float[] step = buffers.get(STEP);
        step[0] += 1f;
        return step[0];
    }

    /** A fresh state holding step 0, as the optimizers with a step count begin. */
    static ParamState withStep() {
        ParamState s = new ParamState();
        s.put(STEP, new float[1]);
        return s;
    }
}
