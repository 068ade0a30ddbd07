package dev.rnn4j.nn;

import dev.rnn4j.Tensor;

/**
 * A module that maps one tensor to one tensor, so that it can stand in a {@link Sequential}: {@link Linear},
 * {@link LayerNorm}, {@link Dropout}, {@link ReLU}, {@link GELU}, {@code Sequential} itself, or a user's module.
 */
@FunctionalInterface
public interface Layer {
    Tensor forward(Tensor input);
}
