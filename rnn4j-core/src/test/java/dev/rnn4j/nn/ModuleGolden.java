package dev.rnn4j.nn;

import dev.rnn4j.golden.GoldenAssert;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.format.TensorFormat;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.rnn.PackedSequence;
import dev.rnn4j.nn.rnn.Packing;
import org.junit.jupiter.api.DynamicTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.golden.GoldenAssert.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every module golden test does with a case: weights, printed outputs, gradients. */
final class ModuleGolden {

    private ModuleGolden() {
    }

    /** With PyTorch's own initialisation (scale 1) the weights must be bit-identical; then loads PyTorch's. */
    static void checkInitAndLoad(GoldenFile.Case c, Module m) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String name : m.namedParameters().keySet()) {
            state.put(name, tensor(c.tensor("param." + name)));
        }
        assertEquals(state.keySet(), m.namedParameters().keySet(), "parameter names and order");
        if (c.getDouble("param_scale") == 1.0) {
            m.namedParameters().forEach((name, p) -> assertClose("initial " + name, c.tensor("param." + name), p,
                    0.0));
        }
        m.loadStateDict(state);
    }

    /** The input (and h0, c0 when given) as leaves that require grad. */
    static Tensor leaf(GoldenFile.Case c, String name) {
        return tensor(c.tensor(name)).requiresGrad(true);
    }

    static Tensor optionalLeaf(GoldenFile.Case c, String name) {
        return c.getBoolean("has_h0") ? leaf(c, name) : null;
    }

    /** The grad_fn PyTorch 2 shows, and the tensor printed as PyTorch 1.13 printed it (its values and suffix). */
    static void checkNameAndRepr(GoldenFile.Case c, String what, Tensor t) {
        assertEquals(c.get(what + "_grad_fn"), t.gradFn().name(), what + " grad_fn");
        String reprKey = what + "_repr";
        if (c.texts().containsKey(reprKey)) {
            String printed = TensorFormat.repr(t.toFloatArray(), t.shape().toArray(),
                    List.of("grad_fn=<" + c.get(what + "_grad_fn_113") + ">"));
            GoldenAssert.assertPrinted(c.text(reprKey), printed, "printed " + what);
        }
    }

    /** loss = Σ (output·upstream).sum() over the named outputs; then backward. */
    static void backward(GoldenFile.Case c, Map<String, Tensor> outputsByUpstream) {
        Tensor loss = null;
        for (Map.Entry<String, Tensor> e : outputsByUpstream.entrySet()) {
            Tensor term = e.getValue().mul(tensor(c.tensor(e.getKey()))).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
    }

    static void checkGradients(GoldenFile.Case c, Module m, Tensor input, Tensor h0, Tensor c0) {
        assertClose("grad input", c.tensor("grad.input"), input.grad());
        if (h0 != null) {
            assertClose("grad h0", c.tensor("grad.h0"), h0.grad());
        }
        if (c0 != null) {
            assertClose("grad c0", c.tensor("grad.c0"), c0.grad());
        }
        m.namedParameters().forEach((name, p) -> assertClose("grad " + name, c.tensor("grad." + name), p.grad()));
    }

    static <B extends RNNBase.Builder<B>> B options(GoldenFile.Case c, B builder) {
        return builder.numLayers(c.getInt("num_layers")).bias(c.getBoolean("bias"))
                .batchFirst(c.getBoolean("batch_first")).dropout(c.getDouble("dropout"))
                .bidirectional(c.getBoolean("bidirectional"));
    }

    static int[] ints(String spaceSeparated) {
        return spaceSeparated.equals("None") ? null
                : java.util.Arrays.stream(spaceSeparated.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    /** Seeds init, builds, loads PyTorch's weights, sets the mode, and seeds the forward call. */
    static <M extends Module> M setUp(GoldenFile.Case c, java.util.function.Supplier<M> build) {
        Torch.manualSeed(c.getLong("init_seed"));
        M m = build.get();
        checkInitAndLoad(c, m);
        m.train(c.getBoolean("training"));
        return m;
    }

    /** A packed-batch case of packed.txt through the module it names: outputs, indices, names and gradients. */
    static void packedCase(GoldenFile.Case c) {
        String module = c.get("module");
        int in = c.getInt("input_size");
        int hidden = c.getInt("hidden_size");
        Module m = setUp(c, () -> switch (module) {
            case "RNN" -> options(c, RNN.builder(in, hidden)).nonlinearity(c.get("nonlinearity")).build();
            case "LSTM" -> options(c, LSTM.builder(in, hidden)).projSize(c.getInt("proj_size")).build();
            default -> options(c, GRU.builder(in, hidden)).build();
        });
        Tensor input = leaf(c, "input");
        Tensor h0 = optionalLeaf(c, "h0");
        Tensor c0 = module.equals("LSTM") ? optionalLeaf(c, "c0") : null;
        PackedSequence packed = Packing.packPaddedSequence(input, ints(c.get("lengths")),
                c.getBoolean("batch_first"), c.getBoolean("enforce_sorted"));
        Torch.manualSeed(c.getLong("forward_seed"));
        Map<String, Tensor> outs = new LinkedHashMap<>();
        PackedSequence output;
        if (m instanceof LSTM lstm) {
            LSTM.PackedOutput r = lstm.forward(packed, h0, c0);
            output = r.output();
            outs.put("grad_h_n", r.hidden());
            outs.put("grad_c_n", r.cell());
            assertClose("c_n", c.tensor("c_n"), r.cell());
            assertEquals(c.get("cn_grad_fn"), r.cell().gradFn().name(), "c_n grad_fn");
        } else if (m instanceof GRU gru) {
            GRU.PackedOutput r = gru.forward(packed, h0);
            output = r.output();
            outs.put("grad_h_n", r.hidden());
        } else {
            RNN.PackedOutput r = ((RNN) m).forward(packed, h0);
            output = r.output();
            outs.put("grad_h_n", r.hidden());
        }
        Tensor hn = outs.get("grad_h_n");
        assertArrayEquals(ints(c.get("batch_sizes")), output.batchSizes(), "batch_sizes");
        assertArrayEquals(ints(c.get("sorted_indices")), output.sortedIndices(), "sorted_indices");
        assertArrayEquals(ints(c.get("unsorted_indices")), output.unsortedIndices(), "unsorted_indices");
        assertClose("output data", c.tensor("output_data"), output.data());
        assertClose("output padded", c.tensor("output_padded"),
                Packing.padPackedSequence(output, c.getBoolean("batch_first"), 0f, null).output());
        assertClose("h_n", c.tensor("h_n"), hn);
        assertEquals(c.get("data_grad_fn"), output.data().gradFn().name(), "data grad_fn");
        assertEquals(c.get("hn_grad_fn"), hn.gradFn().name(), "h_n grad_fn");
        outs.put("grad_output_data", output.data());
        backward(c, outs);
        checkGradients(c, m, input, h0, c0);
    }

    /** The cases of a golden file, optionally only those of one module, as dynamic tests. */
    static Stream<DynamicTest> cases(String file, String module, java.util.function.Consumer<GoldenFile.Case> body) {
        return GoldenFile.load(file).stream().filter(c -> module == null || module.equals(c.get("module")))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> body.accept(c)));
    }
}
