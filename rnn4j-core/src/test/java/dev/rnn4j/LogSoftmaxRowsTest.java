package dev.rnn4j;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The row kernel behind log_softmax over a contiguous last dimension gives the general path's bits, forward and
 * backward: the general path runs on the same values with a trailing dimension of 1 (softmax then not along the
 * last dimension).
 */
class LogSoftmaxRowsTest {

    @Test
    void sameBitsAsTheGeneralPath() {
        Random rnd = new Random(11);
        for (int[] shape : new int[][] {{2048, 65}, {3, 1}, {5, 17}, {1, 129}, {7, 33}, {131, 9}}) {
            int rows = shape[0], width = shape[1];
            float[] values = new float[rows * width];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (rnd.nextGaussian() * (i % 3 == 0 ? 40 : 3));
            }
            if (rows > 2) {
                values[width] = Float.NEGATIVE_INFINITY;        // a row with -inf
                values[2 * width] = Float.POSITIVE_INFINITY;    // and one with +inf
            }
            float[] upstream = new float[values.length];
            for (int i = 0; i < upstream.length; i++) {
                upstream[i] = (float) rnd.nextGaussian();
            }
            Tensor rowsX = Torch.fromArray(values, rows, width).requiresGrad(true);
            Tensor fused = rowsX.logSoftmax(-1);
            fused.backward(Torch.fromArray(upstream, rows, width));

            Tensor generalX = Torch.fromArray(values, rows, width, 1).requiresGrad(true);
            Tensor general = generalX.logSoftmax(1);
            general.backward(Torch.fromArray(upstream, rows, width, 1));

            assertArrayEquals(general.toFloatArray(), fused.toFloatArray(), "forward " + rows + "x" + width);
            assertArrayEquals(generalX.grad().toFloatArray(), rowsX.grad().toFloatArray(), "backward " + rows + "x" + width);
        }
    }

    @Test
    void sameBitsOnOneOrTwoThreads() {
        Random rnd = new Random(5);
        float[] values = new float[2048 * 65];
        float[] upstream = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (rnd.nextGaussian() * 4);
            upstream[i] = (float) rnd.nextGaussian();
        }
        int threads = Torch.getNumThreads();
        float[][] forward = new float[2][], backward = new float[2][];
        try {
            for (int t = 1; t <= 2; t++) {
                Torch.setNumThreads(t);
                Tensor x = Torch.fromArray(values, 2048, 65).requiresGrad(true);
                Tensor y = x.logSoftmax(1);
                y.backward(Torch.fromArray(upstream, 2048, 65));
                forward[t - 1] = y.toFloatArray();
                backward[t - 1] = x.grad().toFloatArray();
            }
        } finally {
            Torch.setNumThreads(threads);
        }
        assertArrayEquals(forward[0], forward[1]);
        assertArrayEquals(backward[0], backward[1]);
    }
}
