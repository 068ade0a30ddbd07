package dev.rnn4j.nn;

import dev.rnn4j.Torch;
import dev.rnn4j.nn.RNNBase.Mode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first-call warm-up runs every mode through and leaves the caller's random numbers and grad mode as they were. */
class FirstCallWarmUpTest {

    @Test
    void runsEveryModeWithoutTouchingTheRandomGenerator() {
        Torch.manualSeed(7);
        float[] expected = Torch.rand(8).toFloatArray();
        for (Mode mode : Mode.values()) {
            Torch.manualSeed(7);
            FirstCallWarmUp.run(mode);   // throws if the mode's forward or backward fails; once() would only log it
            assertArrayEquals(expected, Torch.rand(8).toFloatArray(), mode + ": the warm-up drew random numbers");
        }
    }

    @Test
    void leavesGradModeAsItWas() {
        try (var noGrad = Torch.noGrad()) {
            FirstCallWarmUp.run(Mode.LSTM);
            assertFalse(Torch.isGradEnabled());
        }
        FirstCallWarmUp.run(Mode.GRU);
        assertTrue(Torch.isGradEnabled());
    }
}
