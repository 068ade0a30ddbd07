package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.GRU;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files rnn4j writes for PyTorch: three modules with their inputs and rnn4j's outputs
 * (.pt and safetensors) and a nested checkpoint of every kind of value. They are written to
 * target/interchange-written/; the committed copies in golden/interchange/rnn4j/ are the
 * ones {@code tools/golden/interchange.py --check} loaded in PyTorch 2.13 and 1.13 with
 * weights_only=True and found to reproduce rnn4j's outputs. rnn4j must keep writing them
 * byte for byte (the outputs, computed here, may differ in the last bits on another CPU;
 * then they must still agree within the golden tolerance and everything else exactly).
 */
class WrittenFilesTest {

    static final Path OUT = Path.of("target", "interchange-written");

    @Test
    void rnn4jWritesTheFilesPyTorchChecked() throws IOException {
        Files.createDirectories(OUT);
        write(() -> RNN.builder(3, 4).numLayers(2).nonlinearity("relu").build(), "RNN_RELU", "rnn4j_rnn");
        write(() -> LSTM.builder(4, 5).numLayers(2).projSize(3).bidirectional(true).build(), "LSTM", "rnn4j_lstm");
        write(() -> GRU.builder(3, 4).batchFirst(true).bidirectional(true).build(), "GRU", "rnn4j_gru");
        Torch.save(checkpoint(), OUT.resolve("rnn4j_checkpoint.pt"));
        for (String name : List.of("rnn4j_rnn.pt", "rnn4j_lstm.pt", "rnn4j_lstm.safetensors", "rnn4j_gru.pt",
                "rnn4j_gru.safetensors", "rnn4j_checkpoint.pt")) {
            compare(name);
        }
    }

    /** Module, input and rnn4j's output as {config, state_dict, input, output, h_n[, c_n]} and as safetensors. */
    private static void write(Supplier<RNNBase> make, String mode, String stem) throws IOException {
        Torch.manualSeed(20);
        RNNBase module = make.get();
        module.eval();
        RNNBase.Options o = module.options();
        Torch.manualSeed(21);
        Tensor x = o.batchFirst() ? Torch.randn(2, 3, o.inputSize()) : Torch.randn(3, 2, o.inputSize());
        Map<String, Object> outputs = forward(module, x);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mode", mode);
        config.put("input_size", (long) o.inputSize());
        config.put("hidden_size", (long) o.hiddenSize());
        config.put("num_layers", (long) o.numLayers());
        config.put("bias", o.bias());
        config.put("batch_first", o.batchFirst());
        config.put("bidirectional", o.bidirectional());
        config.put("proj_size", (long) o.projSize());
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("config", config);
        file.put("state_dict", module.stateDict());
        file.put("input", x);
        file.putAll(outputs);
        Torch.save(file, OUT.resolve(stem + ".pt"));
        if (mode.equals("RNN_RELU")) {
            return;
        }
        Map<String, Object> tensors = new LinkedHashMap<>();
        module.stateDict().forEach((k, v) -> tensors.put("rnn." + k, v));
        tensors.put("input", x);
        tensors.putAll(outputs);
        StringBuilder json = new StringBuilder();
        Json.write(config, json);
        SafeTensors.save(tensors, OUT.resolve(stem + ".safetensors"), Map.of("config", json.toString()));
    }

    private static Map<String, Object> forward(RNNBase module, Tensor x) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (module instanceof LSTM lstm) {
            LSTM.Output o = lstm.forward(x);
            out.put("output", o.output().detach());
            out.put("h_n", o.hidden().detach());
            out.put("c_n", o.cell().detach());
        } else if (module instanceof GRU gru) {
            GRU.Output o = gru.forward(x);
            out.put("output", o.output().detach());
            out.put("h_n", o.hidden().detach());
        } else {
            RNN.Output o = ((RNN) module).forward(x);
            out.put("output", o.output().detach());
            out.put("h_n", o.hidden().detach());
        }
        return out;
    }

    /** Every kind of value torch.save files hold; interchange.py's EXPECTED_CHECKPOINT is how PyTorch sees it. */
    static Map<String, Object> checkpoint() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", 12);
        m.put("loss", 0.25);
        m.put("name", "rnn4j-β");
        m.put("done", true);
        m.put("none", null);
        m.put("big", 1L << 40);
        m.put("neg", -3L);
        m.put("list", List.of(1, "two", 3.5, List.of(false)));
        m.put("steps", Torch.tensor(new long[]{1, 2, 3}));
        m.put("scalar", Torch.scalar(1.5f));
        m.put("weight", new Parameter(Torch.tensor(new float[]{1, 2, 3, 4}, 2, 2)));
        m.put("grad", Torch.tensor(new float[]{0.5f, -0.5f}).requiresGrad(true));
        m.put("empty", Torch.zeros(0, 3));
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put(0L, Map.of("step", 5L));
        state.put(1L, Map.of("step", 6L));
        m.put("state", state);
        Torch.manualSeed(22);
        m.put("model", new GRU(2, 2).stateDict());
        return m;
    }

    private static void compare(String name) throws IOException {
        byte[] written = Files.readAllBytes(OUT.resolve(name));
        byte[] committed = Files.readAllBytes(InterchangeGoldenTest.file("rnn4j/" + name));
        if (java.util.Arrays.equals(written, committed)) {
            return;
        }
        assertTrue(name.endsWith("_rnn.pt") || name.contains("_lstm") || name.contains("_gru"),
                name + ": rnn4j no longer writes the bytes PyTorch checked");
        Object a = load(OUT.resolve(name));
        Object b = load(InterchangeGoldenTest.file("rnn4j/" + name));
        assertEquals(Describe.of(b), Describe.of(a), name + ": structure");
        Map<String, Object> want = Describe.tensors(b);
        Describe.tensors(a).forEach((path, t) -> {
            if (t instanceof LongTensor l) {
                assertEquals(want.get(path), l, name + " " + path);
            } else if (path.equals("output") || path.equals("h_n") || path.equals("c_n")) {
                float[] w = ((Tensor) want.get(path)).toFloatArray();
                dev.rnn4j.golden.GoldenAssert.assertClose(name + " " + path,
                        new dev.rnn4j.golden.GoldenFile.Array(((Tensor) t).shape().toArray(), w), (Tensor) t);
            } else {
                assertArrayEquals(((Tensor) want.get(path)).toFloatArray(), ((Tensor) t).toFloatArray(), name + " " + path);
            }
        });
    }

    private static Object load(Path p) throws IOException {
        return p.toString().endsWith(".safetensors") ? SafeTensors.load(p).tensors() : Torch.load(p);
    }
}
