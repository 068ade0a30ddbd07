package dev.rnn4j.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnn4j.nn.GRUCell;
import dev.rnn4j.nn.LSTM;
import dev.rnn4j.nn.RNN;

import org.junit.jupiter.api.Test;

/**
 * In a JVM of its own, with the warm-up on: a seed-sized model is built at once while the vector kernels still warm
 * up, and a model of the small workload's size only once they serve, so its first call runs them compiled.
 */
class ModelWaitTest {
    @Test
    void aSeedSizedModelStartsAtOnceAndALargerOneWaitsForTheVectorKernels() {
        RNN.builder(4, 2).numLayers(2).build();
        assertTrue(Kernels.warmingUp(), "the seed's RNN waited for the warm-up (or the JVM did not start one)");
        new LSTM(64, 256);
        assertFalse(Kernels.warmingUp(), "the LSTM was built while the plain twins still serve");
        assertTrue(Kernels.gemm().toString().startsWith("VectorGemm"), Kernels.describe());
        new GRUCell(64, 256);
    }
}
