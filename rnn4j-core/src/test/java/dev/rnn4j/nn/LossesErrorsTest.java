package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Reduction;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenErrors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;
import java.util.stream.Stream;


/**
 * Losses: each bad call of tools/golden/losses.py's ERRORS fails here with the message PyTorch 2 gave for it (read
 * from losses.txt), before anything is computed.
 */
class LossesErrorsTest {

    private static final Tensor X = Torch.zeros(3, 5);
    private static final Tensor XU = Torch.zeros(5);
    private static final Tensor X3 = Torch.zeros(3, 5, 4);
    private static final Tensor X4 = Torch.zeros(3, 5, 2, 2);
    private static final LongTensor T = targets(new int[]{3}, 1, 0, 4);
    private static final Tensor P = Torch.full(new int[]{3, 5}, 0.2f);

    /** The Java spelling of each Python call, by the name losses.py gives it. */
    private static final Map<String, Executable> CALLS = Map.ofEntries(
            Map.entry("ce_batch", () -> Functional.crossEntropy(X, targets(new int[]{2}, 1, 0))),
            Map.entry("ce_target_high", () -> Functional.crossEntropy(X, targets(new int[]{3}, 1, 5, 0))),
            Map.entry("ce_target_negative", () -> Functional.crossEntropy(X, targets(new int[]{3}, 1, -1, 0))),
            Map.entry("ce_weight_size", () -> crossEntropy(X, T, Torch.ones(4), 0)),
            Map.entry("ce_long_probabilities", () -> Functional.crossEntropy(X, filled(new int[]{3, 5}, 0))),
            Map.entry("ce_label_smoothing", () -> crossEntropy(X, T, null, 1.5)),
            Map.entry("ce_label_smoothing_2", () -> crossEntropy(X, T, null, 2.0)),
            Map.entry("ce_prob_label_smoothing", () -> CrossEntropyLoss.builder().labelSmoothing(1.25).build()
                    .forward(X, P)),
            Map.entry("ce_prob_ignore_index", () -> CrossEntropyLoss.builder().ignoreIndex(1).build().forward(X, P)),
            Map.entry("ce_prob_weight_size", () -> CrossEntropyLoss.builder().weight(Torch.ones(4)).build()
                    .forward(X, P)),
            Map.entry("ce_prob_batch", () -> Functional.crossEntropy(X, Torch.full(new int[]{2, 5}, 0.2f))),
            Map.entry("ce_prob_rank", () -> Functional.crossEntropy(X, Torch.full(new int[]{3, 4}, 0.2f))),
            Map.entry("ce_3d_batch", () -> Functional.crossEntropy(X3, filled(new int[]{2, 4}, 0))),
            Map.entry("ce_3d_target_size", () -> Functional.crossEntropy(X3, filled(new int[]{3, 3}, 0))),
            Map.entry("ce_scalar_input", () -> Functional.crossEntropy(Torch.scalar(1f), LongTensor.scalar(0))),
            Map.entry("nll_target_high", () -> Functional.nllLoss(X, targets(new int[]{3}, 1, 7, 0))),
            Map.entry("nll_target_high_3d", () -> Functional.nllLoss(X3, filled(new int[]{3, 4}, 9))),
            Map.entry("nll_target_high_4d", () -> Functional.nllLoss(X4, filled(new int[]{3, 2, 2}, 9))),
            Map.entry("nll_target_size_3d", () -> Functional.nllLoss(X3, filled(new int[]{3, 3}, 0))),
            Map.entry("nll_target_size_4d", () -> Functional.nllLoss(X4, filled(new int[]{3, 2, 3}, 0))),
            Map.entry("nll_target_rank_4d", () -> Functional.nllLoss(X4, filled(new int[]{3, 4}, 0))),
            Map.entry("nll_target_2d", () -> Functional.nllLoss(X, filled(new int[]{3, 1}, 0))),
            Map.entry("nll_scalar_target_batched", () -> Functional.nllLoss(X, LongTensor.scalar(1))),
            Map.entry("nll_unbatched_target_size", () -> Functional.nllLoss(XU, targets(new int[]{2}, 1, 2))),
            Map.entry("nll_weight_size", () -> nllLoss(X, T, Torch.ones(4))),
            Map.entry("nll_weight_rank", () -> nllLoss(X, T, Torch.ones(5, 1))),
            Map.entry("nll_weight_size_3d", () -> nllLoss(X3, filled(new int[]{3, 4}, 0), Torch.ones(4))),
            Map.entry("nll_scalar_input", () -> Functional.nllLoss(Torch.scalar(1f), LongTensor.scalar(0))),
            Map.entry("reduction", () -> CrossEntropyLoss.builder().reduction(Reduction.of("avg")).build()
                    .forward(X, T)),
            Map.entry("mse_shape", () -> new MSELoss().forward(X, Torch.zeros(3, 4))),
            Map.entry("l1_shape", () -> new L1Loss().forward(X, Torch.zeros(3, 4))),
            Map.entry("bce_target_shape", () -> new BCEWithLogitsLoss().forward(X, Torch.zeros(3, 4))),
            Map.entry("bce_target_rank", () -> new BCEWithLogitsLoss().forward(X, Torch.zeros(5))),
            Map.entry("bce_weight", () -> new BCEWithLogitsLoss(Torch.ones(4), null, Reduction.MEAN).forward(X, P)),
            Map.entry("bce_pos_weight",
                    () -> new BCEWithLogitsLoss(null, Torch.ones(4), Reduction.MEAN).forward(X, P)));

    @TestFactory
    Stream<DynamicTest> pyTorchMessages() {
        return GoldenErrors.messages("losses.txt", CALLS);
    }

    private static Tensor crossEntropy(Tensor input, LongTensor target, Tensor weight, double labelSmoothing) {
        return Functional.crossEntropy(input, target, weight, Functional.IGNORE_INDEX, Reduction.MEAN, labelSmoothing);
    }

    private static Tensor nllLoss(Tensor input, LongTensor target, Tensor weight) {
        return Functional.nllLoss(input, target, weight, Functional.IGNORE_INDEX, Reduction.MEAN);
    }

    private static LongTensor targets(int[] shape, long... values) {
        return LongTensor.of(values, shape);
    }

    private static LongTensor filled(int[] shape, long value) {
        long[] values = new long[dev.rnn4j.Shape.numel(shape)];
        java.util.Arrays.fill(values, value);
        return LongTensor.of(values, shape);
    }
}
