package dev.rnn4j.kernel;

/**
 * The element-wise loops of {@link LstmGates}, {@link GruGates} and {@link ElmanGates} over a range of rows
 * [r0, r1), so that a step can be split over threads by rows. Two implementations give identical bits:
 * {@link ScalarGateRows}, plain Java, and {@code VectorGateRows} on the Vector API (a vector body and a scalar
 * tail that calls the very element functions of {@link ScalarGateRows}). {@link #get()} picks one at start-up
 * as {@link Kernels} does.
 *
 * <h2>Which activation, where (PyTorch 1.13, AVX2)</h2>
 * PyTorch's cells apply {@code tanh_} and {@code sigmoid_} to the (rows, H) chunks of the gate matrix, and
 * {@code tanh} to whole (rows, H) tensors. Measured against Sleef 3.5.1 and against the scalar formula
 * (tools/golden/activations.py):
 * <ul>
 *   <li>tanh goes through {@code at::vml::vtanh}, which maps {@code Sleef_tanhf8_u10} over each contiguous run,
 *       its last partial vector included: every element is {@link SleefFloat#tanh}.</li>
 *   <li>sigmoid goes through {@code cpu_kernel_vec}, whose loop takes 2 × 8 floats per iteration with
 *       {@code 1 / (1 + Sleef_expf8_u10(0 − x))} and leaves the rest of each contiguous run of H to the scalar
 *       lambda {@code 1 / (1 + std::exp(−x))}: columns j &lt; H − H mod 16 are {@link SleefFloat#sigmoid},
 *       the others {@link GateMath#sigmoid}.</li>
 * </ul>
 */
interface GateRows {
    /** PyTorch 1.13's AVX2 sigmoid vectorises each run of H floats in steps of this many. */
    int SIGMOID_BLOCK = 16;

    /** Columns [0, sleefSigmoidEnd(H)) of a gate get Sleef's sigmoid, the rest the scalar one. */
    static int sleefSigmoidEnd(int hidden) {
        return hidden - hidden % SIGMOID_BLOCK;
    }

    static GateRows get() {
        return Choice.ROWS;
    }

    void lstmForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] pre, int preOff,
                     float[] cPrev, int cPrevOff, float[] h, int hOff, float[] c, int cOff, float[] saved, int savedOff);

    void lstmBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] dc, int dcOff, float[] saved,
                      int savedOff, float[] cPrev, int cPrevOff, float[] dPre, int dPreOff);

    void gruForward(int r0, int r1, int hidden, float[] hh, float[] bHh, float[] pre, int preOff,
                    float[] hPrev, int hPrevOff, float[] h, int hOff, float[] saved, int savedOff);

    void gruBackward(int r0, int r1, int hidden, float[] dh, int dhOff, float[] saved, int savedOff,
                     float[] hPrev, int hPrevOff, float[] dPre, int dPreOff, float[] dHh, int dHhOff,
                     float[] dhPrev, int dhPrevOff);

    void elmanForward(int r0, int r1, int hidden, boolean relu, float[] hh, float[] bHh, float[] pre, int preOff,
                      float[] h, int hOff, float[] saved, int savedOff);

    void elmanBackward(int r0, int r1, int hidden, boolean relu, float[] dh, int dhOff, float[] saved, int savedOff,
                       float[] dPre, int dPreOff);

    /**
     * Splits a forward step's rows over {@link Parallel} once it has this many hidden units in all (rows · H):
     * the forward loops evaluate exp and tanh (measured, 32 rows · 128: LSTM 28 → 21 µs, Elman 12 → 9 µs on 2
     * threads).
     */
    int PARALLEL_MIN_ELEMENTS = 1 << 12;

    /**
     * The same for a backward step, whose loops only multiply saved values: 32 · 256 take 4 µs on one thread and
     * 6 µs on two, 64 · 256 8 and 9.
     */
    int PARALLEL_MIN_ELEMENTS_BACKWARD = 1 << 16;

    /** Runs a forward body over [0, rows), on several threads when rows · hidden is large. Rows are independent. */
    static void forRows(int rows, int hidden, IntRangeBody body) {
        forRows(rows, hidden, PARALLEL_MIN_ELEMENTS, body);
    }

    /** Runs a backward body over [0, rows), as {@link #forRows(int, int, IntRangeBody)} with its own threshold. */
    static void backwardRows(int rows, int hidden, IntRangeBody body) {
        forRows(rows, hidden, PARALLEL_MIN_ELEMENTS_BACKWARD, body);
    }

    private static void forRows(int rows, int hidden, int minElements, IntRangeBody body) {
        long work = (long) rows * hidden;
        if (work < minElements || rows < 2 || Parallel.getNumThreads() == 1) {
            body.run(0, rows);
            return;
        }
        int grain = Math.max(1, (minElements / 2) / Math.max(1, hidden));
        Parallel.parallelFor(rows, grain, body);
    }

    /** Loads VectorGateRows by name, so the JVM never resolves Vector API types without the module. */
    final class Choice {
        static final GateRows ROWS = choose();

        private Choice() {
        }

        /**
         * The first JDK on which the vector gate loops were measured to pay. On JDK 17 they make C2 give up the
         * Vector API intrinsics in the GEMM micro-kernel as well (measured: lstm_medium train 96 → 1100 ms/op), so
         * there the scalar twin runs unless {@code -Drnn4j.vector.gates=true}.
         */
        static final int VECTOR_GATES_MIN_JDK = 25;

        private static GateRows choose() {
            if ("false".equalsIgnoreCase(System.getProperty("rnn4j.vector"))) {
                return new ScalarGateRows();
            }
            String gates = System.getProperty("rnn4j.vector.gates");
            if ("false".equalsIgnoreCase(gates)
                    || (gates == null && Runtime.version().feature() < VECTOR_GATES_MIN_JDK)) {
                return new ScalarGateRows();
            }
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return new ScalarGateRows();
            }
            try {
                return (GateRows) Class.forName("dev.rnn4j.kernel.VectorGateRows").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarGateRows();
            }
        }
    }
}
