package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.format.TensorFormat;
import dev.rnn4j.golden.GoldenFile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.golden.GoldenAssert.tensor;
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
            assertEquals(c.text(reprKey), printed, "printed " + what);
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
}
