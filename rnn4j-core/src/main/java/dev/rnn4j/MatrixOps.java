package dev.rnn4j;

import dev.rnn4j.autograd.Node;
import dev.rnn4j.kernel.Kernels;

/** Matrix products on the GEMM kernel; a transposed view goes to the kernel as is, without a copy. */
final class MatrixOps {

    private MatrixOps() {
    }

    /** How a matrix view reaches the kernel: row-major with leading dimension ld, or transposed. */
    private record Operand(Tensor t, boolean trans, int ld) {
        static Operand of(Tensor m) {
            int rows = m.shape[0];
            int cols = m.shape[1];
            if ((m.strides[1] == 1 || cols == 1) && (rows == 1 || m.strides[0] >= Math.max(cols, 1))) {
                return new Operand(m, false, rows == 1 ? Math.max(cols, 1) : m.strides[0]);
            }
            if ((m.strides[0] == 1 || rows == 1) && (cols == 1 || m.strides[1] >= Math.max(rows, 1))) {
                return new Operand(m, true, cols == 1 ? Math.max(rows, 1) : m.strides[1]);
            }
            Tensor c = new Tensor(Copy.contiguousData(m), m.shape.clone());
            return new Operand(c, false, Math.max(cols, 1));
        }
    }

    /** out (m,n) = a (m,k) · b (k,n), overwriting out's contiguous storage. */
    static void gemmInto(Tensor a, Tensor b, float[] out) {
        int m = a.shape[0];
        int k = a.shape[1];
        int n = b.shape[1];
        if (m == 0 || n == 0) {
            return;
        }
        Operand oa = Operand.of(a);
        Operand ob = Operand.of(b);
        Kernels.gemm().gemm(oa.trans, ob.trans, m, n, k, oa.t.data, oa.t.offset, oa.ld,
                ob.t.data, ob.t.offset, ob.ld, out, 0, n, false);
    }

    static Tensor mm(Tensor a, Tensor b) {
        checkMatrices(a, b, "mat1", "mat2");
        Tensor out = Tensor.empty(a.shape[0], b.shape[1]);
        gemmInto(a, b, out.data);
        return recordProduct(out, null, a, b, "MmBackward0");
    }

    /** bias + a · b, as {@code torch.addmm(bias, a, b)}: the form of {@code nn.Linear}. */
    static Tensor addmm(Tensor bias, Tensor a, Tensor b) {
        checkMatrices(a, b, "mat1", "mat2");
        Tensor out = Tensor.empty(a.shape[0], b.shape[1]);
        gemmInto(a, b, out.data);
        Copy.addInto(out, bias, 1f);
        return recordProduct(out, bias, a, b, "AddmmBackward0");
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are "
                    + a.dim() + "D and " + b.dim() + "D");
        }
        if (a.dim() == 1 && b.dim() == 1) {
            if (a.shape[0] != b.shape[0]) {
                throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.shape[0]
                        + "] and src [" + b.shape[0] + "] to have the same number of elements, but got "
                        + a.shape[0] + " and " + b.shape[0] + " elements respectively");
            }
            return a.mul(b).sum();
        }
        if (a.dim() == 2 && b.dim() == 2) {
            return mm(a, b);
        }
        if (a.dim() == 2 && b.dim() == 1) {
            return mm(a, b.unsqueeze(1)).squeeze(1);
        }
        if (a.dim() == 1 && b.dim() == 2) {
            return mm(a.unsqueeze(0), b).squeeze(0);
        }
        if (b.dim() <= 2) {
            // (..., m, k) · (k, n): one GEMM over all the leading rows
            int[] lead = java.util.Arrays.copyOf(a.shape, a.dim() - 1);
            Tensor flat = a.reshape(-1, a.shape[a.dim() - 1]);
            Tensor prod = b.dim() == 1 ? mm(flat, b.unsqueeze(1)).squeeze(1) : mm(flat, b);
            int[] outShape = b.dim() == 1 ? lead : append(lead, b.shape[1]);
            return prod.reshape(outShape);
        }
        return batched(a, b);
    }

    /** Broadcast batched product: one matrix product per batch element, stacked. */
    private static Tensor batched(Tensor a, Tensor b) {
        Tensor a3 = a.dim() == 1 ? a.unsqueeze(0) : a;
        Tensor b3 = b.dim() == 1 ? b.unsqueeze(1) : b;
        int[] batchA = java.util.Arrays.copyOf(a3.shape, a3.dim() - 2);
        int[] batchB = java.util.Arrays.copyOf(b3.shape, b3.dim() - 2);
        int[] batch = Shape.broadcast(batchA, batchB);
        int m = a3.shape[a3.dim() - 2];
        int k = a3.shape[a3.dim() - 1];
        int n = b3.shape[b3.dim() - 1];
        Tensor ea = a3.expand(append(append(batch, m), k)).reshape(-1, m, k);
        Tensor eb = b3.expand(append(append(batch, b3.shape[b3.dim() - 2]), n)).reshape(-1, b3.shape[b3.dim() - 2], n);
        Tensor[] products = new Tensor[ea.shape[0]];
        for (int i = 0; i < products.length; i++) {
            products[i] = mm(ea.get(i), eb.get(i));
        }
        Tensor out = Torch.stack(products).reshape(append(append(batch, m), n));
        if (a.dim() == 1) {
            out = out.squeeze(-2);
        }
        if (b.dim() == 1) {
            out = out.squeeze(-1);
        }
        return out;
    }

    private static Tensor recordProduct(Tensor out, Tensor bias, Tensor a, Tensor b, String name) {
        if (!Tensor.needsGrad(bias, a, b)) {
            return out;
        }
        Tensor sa = a.detach();
        Tensor sb = b.detach();
        return out.attachGradFn(new Node(name, bias, a, b) {
            {
                save(sa, sb);
            }

            @Override
            protected Tensor[] backward(Tensor[] g) {
                Tensor ga = a.requiresGrad() ? mm(g[0], this.<Tensor>saved(1).t()) : null;
                Tensor gb = b.requiresGrad() ? mm(this.<Tensor>saved(0).t(), g[0]) : null;
                Tensor gbias = bias != null && bias.requiresGrad() ? Reductions.sumToShape(g[0], bias.shape) : null;
                return new Tensor[]{gbias, ga, gb};
            }
        }, 0);
    }

    private static void checkMatrices(Tensor a, Tensor b, String nameA, String nameB) {
        if (a.dim() != 2) {
            throw new IllegalArgumentException(nameA + " must be a matrix");
        }
        if (b.dim() != 2) {
            throw new IllegalArgumentException(nameB + " must be a matrix");
        }
        if (a.shape[1] != b.shape[0]) {
            throw new IllegalArgumentException(nameA + " and " + nameB + " shapes cannot be multiplied ("
                    + a.shape[0] + "x" + a.shape[1] + " and " + b.shape[0] + "x" + b.shape[1] + ")");
        }
    }

    private static int[] append(int[] a, int v) {
        int[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }
}
