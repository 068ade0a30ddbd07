package dev.rnn4j.nn;

import dev.rnn4j.Tensor;
import dev.rnn4j.nn.rnn.PackedSequence;

/**
 * What {@code RNN} and {@code GRU} share: a single state h and the forward calls over padded and packed input.
 * Their results are {@code RNN.Output} / {@code GRU.Output} (one record, inherited by both).
 */
public abstract class SingleStateRNN extends RNNBase {

    /** {@code output}: (L, N, D·H) (batch-first: (N, L, D·H); unbatched: (L, D·H)); {@code hidden}: (layers·D, N, H). */
    public record Output(Tensor output, Tensor hidden) {
    }

    /** The result for a packed input: the output packed as the input, {@code hidden}: (layers·D, N, H). */
    public record PackedOutput(PackedSequence output, Tensor hidden) {
    }

    SingleStateRNN(Options options) {
        super(options);
    }

    public Output forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * Runs the sequence.
     *
     * @param input (L, N, input_size), (N, L, input_size) when batch-first, or unbatched (L, input_size)
     * @param hx    (layers·D, N, H), unbatched (layers·D, H), or null for zeros
     */
    public Output forward(Tensor input, Tensor hx) {
        Result r = forwardPadded(input, hx, null);
        return new Output(r.output(), r.hidden());
    }

    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /**
     * Runs a batch of variable-length sequences; padded steps cost nothing, and each sequence's final state is the
     * state after its own last step.
     *
     * @param hx (layers·D, N, H) in the caller's batch order, or null for zeros
     */
    public PackedOutput forward(PackedSequence input, Tensor hx) {
        Result r = forwardPacked(input, hx, null);
        return new PackedOutput(packedLike(input, r.output()), r.hidden());
    }
}
