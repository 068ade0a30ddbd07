package dev.rnn4j;

import dev.rnn4j.golden.GoldenErrors;
import dev.rnn4j.random.Generator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * randint, multinomial and argmax: each bad call of tools/golden/sampling.py's ERRORS fails with the message
 * PyTorch 2 gave for it (read from sampling.txt), and a failed draw leaves the generator where it was.
 */
class SamplingErrorsTest {

    private static Tensor vector(float... v) {
        return Torch.tensor(v);
    }

    /** The Java spelling of each Python call, by the name sampling.py gives it. */
    private static final Map<String, Executable> CALLS = Map.ofEntries(
            Map.entry("multinomial_rank", () -> Torch.multinomial(Torch.rand(2, 3, 4), 1, false)),
            Map.entry("multinomial_scalar", () -> Torch.multinomial(Torch.scalar(1f), 1, false)),
            Map.entry("multinomial_no_samples", () -> Torch.multinomial(Torch.rand(3), 0, false)),
            Map.entry("multinomial_too_many", () -> Torch.multinomial(Torch.rand(3), 4, false)),
            Map.entry("multinomial_zero_row",
                    () -> Torch.multinomial(Torch.tensor(new float[]{0, 0, 0, 1, 1, 1}, 2, 3), 1, false)),
            Map.entry("multinomial_zero_row_replacement",
                    () -> Torch.multinomial(Torch.tensor(new float[]{1, 1, 0, 0}, 2, 2), 2, true)),
            Map.entry("multinomial_negative", () -> Torch.multinomial(vector(-1, 1, 1), 2, false)),
            Map.entry("multinomial_negative_replacement", () -> Torch.multinomial(vector(-1, 1, 1), 2, true)),
            Map.entry("multinomial_inf", () -> Torch.multinomial(vector(Float.POSITIVE_INFINITY, 1), 1, false)),
            Map.entry("multinomial_inf_replacement",
                    () -> Torch.multinomial(vector(Float.POSITIVE_INFINITY, 1), 2, true)),
            Map.entry("multinomial_nan_replacement", () -> Torch.multinomial(vector(Float.NaN, 1), 2, true)),
            Map.entry("randint_empty_range", () -> Torch.randint(5, 5, 3)),
            Map.entry("randint_reversed", () -> Torch.randint(5, 3, 3)),
            Map.entry("argmax_empty", () -> Torch.zeros(0).argmax()),
            Map.entry("argmax_empty_dim", () -> Torch.zeros(2, 0).argmax(1, false)),
            Map.entry("argmax_dim", () -> Torch.zeros(2, 3).argmax(2, false)));

    @TestFactory
    Stream<DynamicTest> pyTorchMessages() {
        return GoldenErrors.messages("sampling.txt", CALLS);
    }

    @Test
    void failedDrawLeavesTheGeneratorAlone() {
        Generator g = new Generator();
        g.manualSeed(3);
        Generator.State before = g.getState();
        // the second row is invalid: PyTorch would already have drawn for the first
        Tensor probs = Torch.tensor(new float[]{1, 2, 3, -1, 1, 1}, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> Torch.multinomial(g, probs, 4, true));
        assertThrows(IllegalArgumentException.class, () -> Torch.randint(g, 2, 1, 5));
        assertEquals(before, g.getState());
    }
}
