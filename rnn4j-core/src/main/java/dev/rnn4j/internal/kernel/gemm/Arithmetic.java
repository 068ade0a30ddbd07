package dev.rnn4j.internal.kernel.gemm;

/**
 * How every GEMM rounds, and which tanh the recurrent gate kernels use, for the whole JVM. Both ways give each
 * element of C a result that depends only on the operands and k, never on the kernel (vector or plain Java), the
 * tile or the thread count. The gates take Sleef's tanhf in the exact arithmetic (PyTorch 1.13's bits) and
 * {@code FastTanh} (within 2 ulp, a third of the work) by default.
 *
 * <ul>
 *   <li>Default: depth blocks of {@link DepthBlocks} rows, each summed from zero with fused multiply-adds in depth
 *   order, t = fma(a, b, t); then C = t for the first block and C = C + t for each later one (and for
 *   {@code accumulate}). One rounding per term instead of two, and a block sum per 256 terms instead of one
 *   running sum: faster, and more accurate on long sums.</li>
 *   <li>Exact ({@code -Drnn4j.exact=true} or {@code Torch.setExactArithmetic(true)}): the reference BLAS's order
 *   that Debian's PyTorch 1.13 ran when it wrote the golden vectors: t = 0, t = t + a·b (a rounded product, then a
 *   rounded sum) over the whole depth in order, then C = t or C + t. It reproduces those vectors bit for bit
 *   where PyTorch's own kernels did.</li>
 * </ul>
 */
public final class Arithmetic {
    private static volatile boolean exact = Boolean.getBoolean("rnn4j.exact");

    private Arithmetic() {
    }

    public static boolean exact() {
        return exact;
    }

    public static void setExact(boolean value) {
        exact = value;
    }
}
