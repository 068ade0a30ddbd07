package dev.rnn4j.internal.vector;

import dev.rnn4j.internal.kernel.gemm.Arithmetic;
import dev.rnn4j.internal.kernel.gemm.DepthBlocks;
import dev.rnn4j.internal.kernel.gemm.PackedMatrix;
import dev.rnn4j.internal.kernel.gemm.ScalarGemm;
import dev.rnn4j.internal.parallel.IntRangeBody;
import dev.rnn4j.internal.parallel.Parallel;

import java.util.function.IntFunction;

import static dev.rnn4j.internal.vector.MicroKernel.NR;

/**
 * Goto/BLIS-style blocking around {@link MicroKernel} (or {@link ExactMicroKernel} in the exact arithmetic): for each column panel and depth block, op(B) is packed once
 * (kc×nc, shared by all threads), then row blocks of op(A) are packed (mc×kc, per thread, sized for L2) and swept by
 * the micro-kernel strip by strip, so a kc×NR strip of B stays in L1 while it meets every A strip of the block.
 *
 * <p>Threads split the output only — row blocks × column chunks of C — and every depth block finishes before the
 * next starts, adding its sum to C (or, exact, continuing the running sums of the block before), so each C element
 * gets the rounding {@link Arithmetic} describes, the same with any number of threads and the same as
 * {@link ScalarGemm}.
 *
 * <p>With few rows of A (a recurrent step: the batch), B is read in place instead of packed: packing would copy
 * all of B for a product that touches each element of B only a few times. A B met many times (a recurrent weight)
 * is best packed once by {@link #pack} and passed as a {@link PackedMatrix}, whose strips are in the same layout.
 */
final class PackedGemm {
    static final int MC = 128;
    static final int NC = 4096;
    /** Up to this many rows of A, a plain B is read where it lies. */
    static final int DIRECT_B_MAX_M = 32;
    /** Up to this many strips of B (256 columns with 16 lanes), a plain A is read where it lies. */
    static final int IN_PLACE_A_MAX_STRIPS = 8;

    private PackedGemm() {}

    /** op(B) (k×n, k and n > 0) in strips of NR columns per depth block, as {@link Panel} reads them. */
    static PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, boolean parallel) {
        return pack(transB, k, n, b, bOff, ldb, parallel, float[]::new);
    }

    /** {@link #pack(boolean, int, int, float[], int, int, boolean)} into an array from buffers. */
    static PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, boolean parallel,
                             IntFunction<float[]> buffers) {
        int kcMax = DepthBlocks.size(k);
        int strips = (n + NR - 1) / NR;
        float[] data = buffers.apply(k * strips * NR);
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0), at = p0 * strips * NR, start = p0;
            IntRangeBody body = (s0, s1) -> PanelPacking.packB(transB, b, bOff, ldb, start, kc, 0, n, NR, data, at, s0, s1);
            if (parallel) {
                Parallel.parallelFor(strips, 4, body);
            } else {
                body.run(0, strips);
            }
        }
        return new PackedMatrix(PackedMatrix.STRIPS, k, n, data, kcMax, NR);
    }

    /** C (+)= op(A)·op(B), with op(B) in b (packed == null) or, packed by {@link #pack}, in packed. */
    static void run(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb, PackedMatrix packed,
                    float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
        int kcMax = DepthBlocks.size(k);
        boolean exact = Arithmetic.exact();
        if (exact && accumulate && kcMax < k) {
            // C + t needs t whole before the add: sum into a scratch product first
            float[] t = new float[m * n];
            run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, packed, t, 0, n, false, parallel);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] += t[i * n + j];
                }
            }
            return;
        }
        boolean directB = packed == null && !transB && m <= DIRECT_B_MAX_M;
        int depthBlocks = (k + kcMax - 1) / kcMax;
        if (packed != null || directB) {
            // B needs no packing between depth blocks: one parallel region per column panel, each task running
            // its tile of C through all depth blocks in order (so each C element still sums in depth order)
            for (int j0 = 0; j0 < n; j0 += NC) {
                int nc = Math.min(NC, n - j0);
                Panel[] panels = new Panel[depthBlocks];
                for (int d = 0; d < depthBlocks; d++) {
                    int p0 = d * kcMax;
                    Panel panel = new Panel(exact, transA, m, nc, Math.min(kcMax, k - p0), p0, j0, a, aOff, lda,
                            c, cOff, ldc, accumulate);
                    if (packed != null) {
                        panel.prepacked(packed);
                    } else {
                        panel.direct(b, bOff, ldb);
                    }
                    panels[d] = panel;
                }
                int tasks = panels[0].rowBlocks * panels[0].chunks;
                IntRangeBody body = (t0, t1) -> {
                    for (Panel panel : panels) {
                        panel.tiles(t0, t1);
                    }
                };
                runTasks(tasks, panels[0].rowBlocks, parallel, body);
            }
            return;
        }
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += kcMax) {
                Panel panel = new Panel(exact, transA, m, nc, Math.min(kcMax, k - p0), p0, j0, a, aOff, lda,
                        c, cOff, ldc, accumulate);
                if (packed != null) {
                    panel.prepacked(packed);
                } else if (directB) {
                    panel.direct(b, bOff, ldb);
                } else {
                    panel.packed(transB, b, bOff, ldb, parallel);
                }
                panel.run(parallel);
            }
        }
    }

    /**
     * Runs tasks [0, tasks) (row blocks × column chunks), on the pool when parallel. With one row block (a recurrent
     * step's batch) each thread takes one run of whole column chunks and packs A per depth block into its own cache,
     * then meets it with every strip of its run; chunk by chunk, all of A would go through the cache once per chunk.
     */
    private static void runTasks(int tasks, int rowBlocks, boolean parallel, IntRangeBody body) {
        if (!parallel) {
            body.run(0, tasks);
            return;
        }
        int threads = Parallel.getNumThreads();
        Parallel.parallelFor(tasks, rowBlocks == 1 ? (tasks + threads - 1) / threads : 1, body);
    }

    /**
     * One depth block of one column panel: C[:, j0:j0+nc] (+)= op(A)[:, p0:p0+kc] · Bp. Strip s of Bp lies at
     * bArr[bBase + s*sStep + p*pStride + j] (depth p, column j of the strip), except a last strip that had to be
     * copied alone, in edge.
     */
    private static final class Panel {
        final boolean exact, transA;
        final int m, nc, kc, p0, j0, aOff, lda, cOff, ldc, strips, rowBlocks, chunks;
        final float[] a, c;
        /** The rows of a packed A strip: the tile height of the kernel that runs. */
        final int mr;
        /** Whether A is read where it lies instead of packed (default arithmetic, plain A, a narrow B). */
        final boolean inPlaceA;
        /** An {@link ExactMicroKernel} mode; in the default arithmetic only STORE or ADD. */
        final int mode;
        float[] bArr;
        int bBase, sStep, pStride;
        float[] edge;

        Panel(boolean exact, boolean transA, int m, int nc, int kc, int p0, int j0, float[] a, int aOff, int lda,
              float[] c, int cOff, int ldc, boolean accumulate) {
            this.exact = exact;
            this.mr = exact ? ExactMicroKernel.MR : MicroKernel.MR;
            this.transA = transA;
            this.m = m;
            this.nc = nc;
            this.kc = kc;
            this.p0 = p0;
            this.j0 = j0;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.mode = p0 > 0 ? (exact ? ExactMicroKernel.CONTINUE : ExactMicroKernel.ADD)
                    : accumulate ? ExactMicroKernel.ADD : ExactMicroKernel.STORE;
            this.strips = (nc + NR - 1) / NR;
            this.inPlaceA = !exact && !transA && strips <= IN_PLACE_A_MAX_STRIPS;
            this.rowBlocks = (m + MC - 1) / MC;
            // few row blocks (small m): cut the columns too, so both threads get work
            this.chunks = Math.min(strips, Math.max(1, 8 / rowBlocks));
        }

        /** The strips of a B packed once for many products. */
        void prepacked(PackedMatrix packed) {
            bArr = packed.data;
            bBase = packed.stripBase(p0, j0 / NR);
            sStep = kc * NR;
            pStride = NR;
        }

        /** Packs this block of B, once for all threads. */
        void packed(boolean transB, float[] b, int bOff, int ldb, boolean parallel) {
            float[] bp = GemmBuffers.get().b(strips * kc * NR);
            IntRangeBody pack = (s0, s1) -> PanelPacking.packB(transB, b, bOff, ldb, p0, kc, j0, nc, NR, bp, 0, s0, s1);
            if (parallel) {
                Parallel.parallelFor(strips, 4, pack);
            } else {
                pack.run(0, strips);
            }
            bArr = bp;
            bBase = 0;
            sStep = kc * NR;
            pStride = NR;
        }

        /** B's rows in place; a last strip that would read past the end of b is packed alone. */
        void direct(float[] b, int bOff, int ldb) {
            int first = bOff + p0 * ldb + j0;
            int lastStrip = strips - 1;
            boolean lastFits = first + (kc - 1) * ldb + lastStrip * NR + NR <= b.length;
            if (!lastFits) {
                int js = lastStrip * NR;
                edge = new float[kc * NR];
                PanelPacking.packB(false, b, bOff, ldb, p0, kc, j0 + js, nc - js, NR, edge, 0, 0, 1);
            }
            bArr = b;
            bBase = first;
            sStep = NR;
            pStride = ldb;
        }

        void run(boolean parallel) {
            runTasks(rowBlocks * chunks, rowBlocks, parallel, this::tiles);
        }

        void tiles(int t0, int t1) {
            GemmBuffers buf = GemmBuffers.get();
            int packedRowBlock = -1;
            float[] ap = null;
            for (int t = t0; t < t1; t++) {
                int rowBlock = t / chunks;
                int i0 = rowBlock * MC, mc = Math.min(MC, m - i0);
                // tasks of one row block are consecutive: pack A once for them (only the rows not read in place)
                if (rowBlock != packedRowBlock) {
                    int from = inPlaceRows(mc);
                    ap = buf.a(((mc - from + mr - 1) / mr) * PanelPacking.aStripStride(kc, mr));
                    if (from < mc) {
                        PanelPacking.packA(transA, a, aOff, lda, i0 + from, mc - from, p0, kc, mr, ap, 0);
                    }
                    packedRowBlock = rowBlock;
                }
                int chunk = t % chunks;
                sweep(ap, i0, mc, strips * chunk / chunks, strips * (chunk + 1) / chunks, buf.tile);
            }
        }

        /**
         * How many of a row block's mc rows the kernel reads from A in place: its full tiles when A is read in place
         * (a last partial tile is packed alone), else none. For a B of a few strips, packing A costs more than it
         * saves: each element of A would be copied to meet only those few strips.
         */
        private int inPlaceRows(int mc) {
            return inPlaceA ? mc / mr * mr : 0;
        }

        /** Strip by strip of B (in L1), all A strips of the row block (in L2); ap holds the rows not read in place. */
        private void sweep(float[] ap, int i0, int mc, int s0, int s1, float[] scratch) {
            int inPlace = inPlaceRows(mc), aStride = PanelPacking.aStripStride(kc, mr);
            boolean add = mode != ExactMicroKernel.STORE;
            for (int s = s0; s < s1; s++) {
                boolean alone = edge != null && s == strips - 1;
                float[] bs = alone ? edge : bArr;
                int base = alone ? 0 : bBase + s * sStep, stride = alone ? NR : pStride;
                int cols = Math.min(NR, nc - s * NR);
                int cCol = cOff + j0 + s * NR;
                for (int ir = 0; ir < mc; ir += mr) {
                    int rows = Math.min(mr, mc - ir), cAt = cCol + (i0 + ir) * ldc;
                    if (ir < inPlace) {
                        MicroKernel.runRowsInPlace(kc, a, aOff + (i0 + ir) * lda + p0, lda, bs, base, stride, c,
                                cAt, ldc, cols, add, scratch);
                    } else if (exact) {
                        ExactMicroKernel.run(kc, ap, (ir - inPlace) / mr * aStride, bs, base, stride, c, cAt, ldc,
                                rows, cols, mode, scratch);
                    } else {
                        MicroKernel.run(kc, ap, (ir - inPlace) / mr * aStride, bs, base, stride, c, cAt, ldc, rows,
                                cols, add, scratch);
                    }
                }
            }
        }
    }
}
