package dev.rnn4j.nn.rnn;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.rnn4j.golden.GoldenAssert.assertClose;
import static dev.rnn4j.golden.GoldenAssert.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The packing functions against PyTorch 2.x (tools/golden/packing.py): outputs, batch sizes and
 * indices, grad_fn names, printed forms, and the gradient of every input for random upstream
 * gradients on the outputs.
 */
class PackingGoldenTest {

    @TestFactory
    Stream<DynamicTest> packing() {
        return GoldenFile.load("packing.txt").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    /** What a case's function returned: its output tensors and the text PyTorch printed. */
    private record Result(List<Tensor> outputs, String repr) {
    }

    private static void check(GoldenFile.Case c) {
        List<Tensor> inputs = inputs(c);
        Result r = run(c, inputs);
        boolean list = c.settings().containsKey("outputs");
        if (list) {
            assertEquals(c.getInt("outputs"), r.outputs().size(), "number of outputs");
        }
        for (int i = 0; i < r.outputs().size(); i++) {
            Tensor out = r.outputs().get(i);
            assertClose("output " + i, c.tensor(list ? "out." + i : "output"), out);
            assertNotNull(out.gradFn(), "output " + i + " has no grad_fn");
            assertEquals(c.get("grad_fn"), out.gradFn().name(), "grad_fn of output " + i);
        }
        assertEquals(c.text("repr"), r.repr(), "printed output");
        backward(c, r.outputs(), list);
        for (int i = 0; i < inputs.size(); i++) {
            String name = inputName(c, i);
            assertClose("grad " + name, c.tensor("grad." + name), inputs.get(i).grad());
        }
    }

    private static List<Tensor> inputs(GoldenFile.Case c) {
        List<Tensor> inputs = new ArrayList<>();
        int n = c.settings().containsKey("sequences") ? c.getInt("sequences") : 1;
        for (int i = 0; i < n; i++) {
            inputs.add(tensor(c.tensor(inputName(c, i))).requiresGrad(true));
        }
        return inputs;
    }

    private static String inputName(GoldenFile.Case c, int i) {
        return c.settings().containsKey("sequences") ? "seq." + i : "input";
    }

    private static Result run(GoldenFile.Case c, List<Tensor> in) {
        boolean batchFirst = c.getBoolean("batch_first");
        boolean enforceSorted = c.getBoolean("enforce_sorted");
        float paddingValue = (float) c.getDouble("padding_value");
        return switch (c.get("fn")) {
            case "pack_padded" -> pack(c, Packing.packPaddedSequence(in.get(0), ints(c.get("lengths")), batchFirst,
                    enforceSorted));
            case "pack_sequence" -> pack(c, Packing.packSequence(in, enforceSorted));
            case "pad_packed" -> {
                PackedSequence packed = Packing.packPaddedSequence(in.get(0), ints(c.get("lengths")), batchFirst,
                        enforceSorted);
                String total = c.get("total_length");
                Padded p = Packing.padPackedSequence(packed, batchFirst, paddingValue,
                        total.equals("None") ? null : Integer.valueOf(total));
                assertArrayEquals(ints(c.get("out_lengths")), p.lengths(), "lengths");
                yield single(p.output());
            }
            case "pad_sequence" -> single(Packing.padSequence(in, batchFirst, paddingValue, c.get("padding_side")));
            case "unpad" -> many(Packing.unpadSequence(in.get(0), ints(c.get("lengths")), batchFirst));
            case "unpack" -> many(Packing.unpackSequence(Packing.packSequence(in, enforceSorted)));
            case "index_select" -> single(in.get(0).indexSelect(c.getInt("dim"), ints(c.get("index"))));
            default -> throw new IllegalArgumentException("unknown fn " + c.get("fn"));
        };
    }

    private static Result pack(GoldenFile.Case c, PackedSequence packed) {
        assertArrayEquals(ints(c.get("batch_sizes")), packed.batchSizes(), "batch_sizes");
        assertArrayEquals(optionalInts(c.get("sorted_indices")), packed.sortedIndices(), "sorted_indices");
        assertArrayEquals(optionalInts(c.get("unsorted_indices")), packed.unsortedIndices(), "unsorted_indices");
        return new Result(List.of(packed.data()), packed.toString());
    }

    private static Result single(Tensor t) {
        return new Result(List.of(t), t.toString());
    }

    private static Result many(List<Tensor> ts) {
        return new Result(ts, ts.get(0).toString());
    }

    /** Back-propagates Σ (out_i · g_i).sum(): each output receives exactly g_i. */
    private static void backward(GoldenFile.Case c, List<Tensor> outputs, boolean list) {
        Tensor loss = null;
        for (int i = 0; i < outputs.size(); i++) {
            Tensor g = tensor(c.tensor(list ? "grad_output." + i : "grad_output"));
            Tensor term = outputs.get(i).mul(g).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward(Torch.ones());
    }

    private static int[] ints(String s) {
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static int[] optionalInts(String s) {
        return s.equals("None") ? null : ints(s);
    }
}
