package dev.rnn4j.examples;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.format.PythonRepr;
import dev.rnn4j.nn.RNN;
import dev.rnn4j.nn.RNNCell;

import java.io.PrintStream;

/**
 * The lesson notebook this project grew from, in Java: an RNNCell stepped by hand over a
 * (seq, batch, features) input, then a two-layer RNN over the whole sequence. With a seed, each
 * part starts with {@code manualSeed(seed)} as its PyTorch twin, examples/seed_notebook.py, does,
 * and prints exactly what that script prints.
 *
 * <p>Run: {@code ./rnn4j seed --seed 0}
 */
public final class SeedNotebook {

    private SeedNotebook() {
    }

    public static void main(String[] args) {
        run(System.out, args.length > 0 ? Long.valueOf(args[0]) : null);
    }

    /** @param seed the seed of each part, or null to run unseeded as the original notebook */
    public static void run(PrintStream out, Long seed) {
        // the notebook's promise is PyTorch's text to the last digit: round as the reference BLAS did
        boolean exact = Torch.isExactArithmetic();
        Torch.setExactArithmetic(true);
        try {
            rnnCellPart(out, seed);
            rnnPart(out, seed);
        } finally {
            Torch.setExactArithmetic(exact);
        }
    }

    /** RNNCell: the loop is ours, because the input arrives one sequence element at a time. */
    private static void rnnCellPart(PrintStream out, Long seed) {
        if (seed != null) {
            Torch.manualSeed(seed);
        }
        int batchSize = 1;
        int seqLen = 3;       // the number of sequence elements
        int inputSize = 4;    // the size of each element
        int hiddenSize = 2;   // the size of the hidden state
        RNNCell cell = new RNNCell(inputSize, hiddenSize);
        Tensor dataset = Torch.randn(seqLen, batchSize, inputSize);   // (seq, batch, features)
        out.println(dataset);
        Tensor hidden = Torch.zeros(batchSize, hiddenSize);           // the state starts as zeros
        out.println(hidden);
        int idx = 0;
        for (Tensor input : dataset) {
            out.println("=".repeat(20) + " " + idx++ + " " + "=".repeat(20));
            out.println("input size: " + input.shape());
            out.println(input);
            hidden = cell.forward(input, hidden);   // one element here; RNN takes the whole sequence
            out.println("outputs size: " + hidden.shape());
            out.println(hidden);
        }
    }

    /** RNN: no loop of ours, the whole sequence goes in at once; two layers give l0 and l1 parameters. */
    private static void rnnPart(PrintStream out, Long seed) {
        if (seed != null) {
            Torch.manualSeed(seed);
        }
        int batchSize = 1;
        int seqLen = 3;
        int inputSize = 4;
        int hiddenSize = 2;
        int numLayers = 2;
        RNN rnn = RNN.builder(inputSize, hiddenSize).numLayers(numLayers).build();
        out.println(PythonRepr.odictKeys(rnn.namedParameters().keySet()));
        Tensor inputs = Torch.randn(seqLen, batchSize, inputSize);     // (seqLen, batchSize, inputSize)
        out.println(inputs);
        Tensor hidden = Torch.zeros(numLayers, batchSize, hiddenSize);
        out.println(hidden);
        RNN.Output result = rnn.forward(inputs, hidden);
        out.println("Output size: " + result.output().shape());      // (seqLen, batchSize, hiddenSize)
        out.println("Output: " + result.output());
        out.println("Hidden size: " + result.hidden().shape());      // (numLayers, batchSize, hiddenSize)
        out.println("Hidden: " + result.hidden());
    }
}
