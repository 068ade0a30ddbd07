package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenErrors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;
import java.util.stream.Stream;

import static dev.rnn4j.nn.ErrorAssert.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Layers and functions: each bad call of tools/golden/layers.py's ERRORS fails here with the message PyTorch 2
 * gave for it (read from layers.txt), before anything changes.
 */
class LayersErrorsTest {

    /** The Java spelling of each Python call, by the name layers.py gives it. */
    private static final Map<String, Executable> CALLS = Map.ofEntries(
            Map.entry("linear_in_features", () -> new Linear(4, 3).forward(Torch.zeros(2, 5))),
            Map.entry("linear_in_features_1d", () -> new Linear(4, 3).forward(Torch.zeros(5))),
            Map.entry("linear_in_features_3d", () -> new Linear(4, 3).forward(Torch.zeros(2, 3, 5))),
            Map.entry("linear_nobias_in_features", () -> new Linear(4, 3, false).forward(Torch.zeros(2, 3, 5))),
            Map.entry("linear_scalar_input", () -> new Linear(4, 3).forward(Torch.scalar(1f))),
            Map.entry("linear_negative", () -> new Linear(-1, 3)),
            Map.entry("embedding_index_high", () -> new Embedding(10, 3).forward(longs(new int[]{2}, 1, 10))),
            Map.entry("embedding_index_negative", () -> new Embedding(10, 3).forward(longs(new int[]{1, 1}, -1))),
            Map.entry("embedding_padding_high", () -> new Embedding(10, 3, 10)),
            Map.entry("embedding_padding_low", () -> new Embedding(10, 3, -11)),
            Map.entry("embedding_weight_3d", () -> Functional.embedding(longs(new int[]{1}, 1), Torch.zeros(4, 3, 2))),
            Map.entry("layernorm_input_shape", () -> new LayerNorm(4).forward(Torch.zeros(2, 5))),
            Map.entry("layernorm_input_shape_2d", () -> new LayerNorm(3, 4).forward(Torch.zeros(2, 4, 3))),
            Map.entry("layernorm_input_rank", () -> new LayerNorm(3, 4).forward(Torch.zeros(4))),
            Map.entry("layernorm_weight_shape",
                    () -> Functional.layerNorm(Torch.zeros(2, 4), new int[]{4}, Torch.ones(3), null, 1e-5)),
            Map.entry("layernorm_bias_shape",
                    () -> Functional.layerNorm(Torch.zeros(2, 4), new int[]{4}, null, Torch.ones(3), 1e-5)),
            Map.entry("softmax_dim", () -> Torch.zeros(2, 3).softmax(2)),
            Map.entry("log_softmax_dim", () -> Torch.zeros(2, 3).logSoftmax(-3)),
            Map.entry("gelu_approximate", () -> Functional.gelu(Torch.zeros(2), "foo")),
            Map.entry("gelu_module_approximate", () -> new GELU("sigmoid").forward(Torch.zeros(2))),
            Map.entry("dropout_p", () -> new Dropout(1.5)));

    @TestFactory
    Stream<DynamicTest> pyTorchMessages() {
        return GoldenErrors.messages("layers.txt", CALLS);
    }

    @Test
    void failedForwardLeavesWeightsAndGradientsAlone() {
        Linear linear = new Linear(4, 3);
        float[] before = linear.weight().toFloatArray();
        assertMessage("mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)",
                () -> linear.forward(Torch.zeros(2, 5).requiresGrad(true)));
        assertArrayEquals(before, linear.weight().toFloatArray());
        Embedding embedding = new Embedding(4, 2);
        assertMessage("index out of range in self", () -> embedding.forward(longs(new int[]{3}, 0, 1, 4)));
    }

    @Test
    void sequentialTakesOnlyLayers() {
        assertMessage("Sequential: module (1) Embedding does not map one Tensor to one Tensor (it is not a Layer)",
                () -> new Sequential(new ReLU(), new Embedding(3, 2)));
    }

    private static LongTensor longs(int[] shape, long... values) {
        return LongTensor.of(values, shape);
    }
}
