package dev.rnn4j.nn;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as {@code nn.Embedding}:
 * indices of any shape give indices.shape + (embeddingDim). The weight starts as N(0, 1) from the default
 * generator; the row {@code paddingIdx}, if given, starts at zero and never receives a gradient. ({@code max_norm},
 * {@code scale_grad_by_freq} and {@code sparse} are not offered.)
 */
public final class Embedding extends Module {

    private final int numEmbeddings;
    private final int embeddingDim;
    private final Integer paddingIdx;
    private final Parameter weight;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /** @param paddingIdx a row in [−numEmbeddings, numEmbeddings) (negative counts from the end), or null */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == null ? null : Functional.paddingRow(paddingIdx, numEmbeddings);
        weight = registerParameter("weight", new Parameter(Torch.zeros(numEmbeddings, embeddingDim)));
        Init.normal(weight, 0, 1);
        if (this.paddingIdx != null) {
            try (var g = Torch.noGrad()) {
                weight.get(this.paddingIdx).fill_(0f);
            }
        }
    }

    /** @param input int64 indices in [0, numEmbeddings), any shape */
    public Tensor forward(LongTensor input) {
        return Functional.embedding(input, weight, paddingIdx);
    }

    /** (numEmbeddings, embeddingDim). */
    public Parameter weight() {
        return weight;
    }

    /** The padding row (never negative), or null. */
    public Integer paddingIdx() {
        return paddingIdx;
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
