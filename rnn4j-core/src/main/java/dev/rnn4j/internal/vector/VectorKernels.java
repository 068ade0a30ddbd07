package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.Kernels;
import dev.rnn4j.internal.kernel.gates.GateRows;
import dev.rnn4j.internal.kernel.gemm.Gemm;

/** The Vector API implementation of every kernel family; only {@link Kernels} loads it, by name. */
public final class VectorKernels implements Kernels.VectorFamilies {
    private final Gemm gemm = new VectorGemm();
    private final GateRows gateRows = new VectorGateRows();

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public GateRows gateRows() {
        return gateRows;
    }

    @Override
    public int warmUp() {
        return WarmUp.run();
    }
}
