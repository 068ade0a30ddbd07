package dev.rnn4j.internal.layer;

import dev.rnn4j.Torch;
import dev.rnn4j.nn.RNNBase.Mode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer warm-up runs every mode through, and leaves the caller's random numbers and grad mode as they were. */
class LayerWarmUpTest {

    @Test
    void runsEveryModeWithoutTouchingTheRandomGenerator() {
        Torch.manualSeed(7);
        float[] expected = Torch.rand(8).toFloatArray();
        for (Mode mode : Mode.values()) {
            Torch.manualSeed(7);
            LayerWarmUp.run(mode);   // throws if the mode's forward or backward fails; once() would only log it
            assertArrayEquals(expected, Torch.rand(8).toFloatArray(), mode + ": the warm-up drew random numbers");
        }
    }

    @Test
    void leavesGradModeAsItWas() {
        try (var noGrad = Torch.noGrad()) {
            LayerWarmUp.run(Mode.LSTM);
            assertFalse(Torch.isGradEnabled());
        }
        LayerWarmUp.run(Mode.GRU);
        assertTrue(Torch.isGradEnabled());
    }
}
