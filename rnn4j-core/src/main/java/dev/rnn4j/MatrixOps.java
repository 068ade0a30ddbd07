package dev.rnn4j;

import dev.rnn4j.autograd.Op;
import dev.rnn4j.autograd.Node;
import dev.rnn4j.internal.kernel.Kernels;

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

    /**
     * {@code torch.matmul}, dispatched as PyTorch 1.13's {@code _matmul_impl} does, so that the
     * result records the same grad_fn: dot, mv, mm, a folded mm or mv, or a batched product.
     */
    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are "
                    + a.dim() + "D and " + b.dim() + "D");
        }
        if (a.dim() == 1 && b.dim() == 1) {
            return dot(a, b);
        }
        if (a.dim() == 2 && b.dim() == 1) {
            return mv(a, b);
        }
        if (a.dim() == 1 && b.dim() == 2) {
            // PyTorch squeezes in place here (squeeze_), hence SqueezeBackward4 (2.x; 1.13 printed SqueezeBackward3)
            return ShapeOps.squeeze(mm(a.unsqueeze(0), b), 0, "SqueezeBackward4");
        }
        if (a.dim() == 2 && b.dim() == 2) {
            return mm(a, b);
        }
        if (a.dim() == 3 && a.shape[0] == 1 && b.dim() == 3 && b.shape[0] != 1) {
            // PyTorch 2 multiplies a one-batch 3-D left operand as the matrix it holds (seen: CloneBackward0)
            return matmul(a.squeeze(0), b);
        }
        if (shouldFold(a, b)) {
            return folded(a, b);
        }
        Tensor bT = b.dim() >= 3 ? b.transpose(-1, -2) : b;
        if (shouldFold(bT, a)) {
            // (…, k, n) on the right: fold it as bᵀ · aᵀ, then transpose back (a copy for a matrix a)
            Tensor out = folded(bT, a.dim() == 2 ? a.t() : a);
            return a.dim() == 2 ? out.transpose(-1, -2).contiguous() : out;
        }
        return batched(a, b);
    }

    /**
     * PyTorch 2's {@code should_fold}: whether {@code big} (3-D or more) times a vector or matrix
     * is done as one product over its folded leading dimensions — always when the smaller operand
     * needs a gradient (a batched product would make its gradient a large sum), otherwise only
     * when the folding needs no copy.
     */
    private static boolean shouldFold(Tensor big, Tensor small) {
        if (big.dim() < 3 || small.dim() > 2) {
            return false;
        }
        if (Op.needsGrad(small) || big.numel() == 0) {
            return true;
        }
        for (int i = 0; i < big.dim() - 2; i++) {
            if (big.strides[i] != big.strides[i + 1] * big.shape[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /** (…, m, k) · (k[, n]) as one mm (or mv) over all the leading rows; records UnsafeViewBackward0. */
    private static Tensor folded(Tensor a, Tensor b) {
        int[] lead = java.util.Arrays.copyOf(a.shape, a.dim() - 1);
        Tensor flat = a.reshape(Shape.numel(lead), a.shape[a.dim() - 1]);
        Tensor prod = b.dim() == 2 ? mm(flat, b) : mv(flat, b);
        int[] outShape = b.dim() == 2 ? append(lead, b.shape[1]) : lead;
        return ShapeOps.view(prod, outShape, "UnsafeViewBackward0");
    }

    /** Vector dot product, as {@code torch.dot}. */
    static Tensor dot(Tensor a, Tensor b) {
        if (a.shape[0] != b.shape[0]) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.shape[0]
                    + "] and src [" + b.shape[0] + "] to have the same number of elements, but got "
                    + a.shape[0] + " and " + b.shape[0] + " elements respectively");
        }
        double s = 0;
        for (int i = 0; i < a.shape[0]; i++) {
            s += (double) a.data[a.offset + i * a.strides[0]] * b.data[b.offset + i * b.strides[0]];
        }
        Tensor out = new Tensor(new float[]{(float) s}, new int[0]);
        return Op.record(out, "DotBackward0", Op.save(a.detach(), b.detach()), (g, sv) -> new Tensor[]{
                a.requiresGrad() ? g[0].mul(sv.<Tensor>get(1)) : null,
                b.requiresGrad() ? g[0].mul(sv.<Tensor>get(0)) : null}, a, b);
    }

    /** Matrix times vector, as {@code torch.mv}. */
    static Tensor mv(Tensor a, Tensor v) {
        if (a.shape[1] != v.shape[0]) {
            throw new IllegalArgumentException("size mismatch, got " + a.shape[0] + ", " + a.shape[0] + "x"
                    + a.shape[1] + "," + v.shape[0]);
        }
        Tensor out = Tensor.empty(a.shape[0]);
        gemmInto(a, ShapeOps.unsqueeze(v.detach(), 1), out.data);
        // d(A·v) = g ⊗ v dA + Aᵀ·g dv
        return Op.record(out, "MvBackward0", Op.save(a.detach(), v.detach()), (g, s) -> new Tensor[]{
                a.requiresGrad() ? mm(g[0].unsqueeze(1), s.<Tensor>get(1).unsqueeze(0)) : null,
                v.requiresGrad() ? mv(s.<Tensor>get(0).t(), g[0]) : null}, a, v);
    }

    /** Broadcast batched product of two (at least 2-D) tensors: one mm per batch element; UnsafeViewBackward0. */
    private static Tensor batched(Tensor a, Tensor b) {
        int[] batchA = java.util.Arrays.copyOf(a.shape, a.dim() - 2);
        int[] batchB = java.util.Arrays.copyOf(b.shape, b.dim() - 2);
        int[] batch = Shape.broadcast(batchA, batchB);
        int m = a.shape[a.dim() - 2];
        int k = a.shape[a.dim() - 1];
        int n = b.shape[b.dim() - 1];
        Tensor ea = a.expand(append(append(batch, m), k)).reshape(-1, m, k);
        Tensor eb = b.expand(append(append(batch, b.shape[b.dim() - 2]), n)).reshape(-1, b.shape[b.dim() - 2], n);
        Tensor[] products = new Tensor[ea.shape[0]];
        for (int i = 0; i < products.length; i++) {
            products[i] = mm(ea.get(i), eb.get(i));
        }
        return ShapeOps.view(Torch.stack(products), append(append(batch, m), n), "UnsafeViewBackward0");
    }

    /** bias + A·B: d = g dbias (summed to its shape) + g·Bᵀ dA + Aᵀ·g dB. */
    private static Tensor recordProduct(Tensor out, Tensor bias, Tensor a, Tensor b, String name) {
        if (!Op.needsGrad(bias, a, b)) {
            return out;
        }
        return Op.record(out, name, Op.save(a.detach(), b.detach()), (g, s) -> new Tensor[]{
                bias != null && bias.requiresGrad() ? Reductions.sumToShape(g[0], bias.shape) : null,
                a.requiresGrad() ? Op.fresh(mm(g[0], s.<Tensor>get(1).t())) : null,
                b.requiresGrad() ? Op.fresh(transposedProduct(s.get(0), g[0])) : null}, bias, a, b);
    }

    /**
     * Aᵀ·G, contiguous. When G is the narrower (a Linear's output gradient, 65 columns against 256), it runs as
     * (Gᵀ·A)ᵀ: the kernel lays out the transposed operand, slow to gather, and tiles the rows of its product by 8
     * but its columns by 32, so the narrow matrix is better transposed and on the rows. Each element is the same
     * sum of the same products in the same order (a·b = b·a exactly): the same bits either way.
     */
    private static Tensor transposedProduct(Tensor a, Tensor g) {
        return g.shape[1] < a.shape[1] ? mm(g.t(), a).t().contiguous() : mm(a.t(), g);
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
