package dev.rnn4j.kernel;

import static dev.rnn4j.kernel.MicroKernel.MR;
import static dev.rnn4j.kernel.MicroKernel.NR;

/**
 * Goto/BLIS-style blocking around {@link MicroKernel}: for each column panel and depth block, op(B) is packed once
 * (kc×nc, shared by all threads), then row blocks of op(A) are packed (mc×kc, per thread, sized for L2) and swept by
 * the micro-kernel strip by strip, so a kc×NR strip of B stays in L1 while it meets every A strip of the block.
 *
 * <p>Threads split the output only — row blocks × column chunks of C — and every depth block finishes before the
 * next starts and continues the running sums of the block before, so each C element sees one sum in depth order,
 * the same with any number of threads and the same as {@link ScalarGemm}.
 *
 * <p>With few rows of A (a recurrent step: the batch), B is read in place instead of packed: packing would copy
 * all of B for a product that touches each element of B only a few times.
 */
final class PackedGemm {
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 4096;
    /** Up to this many rows of A, a plain B is read where it lies. */
    static final int DIRECT_B_MAX_M = 4 * MR;

    private PackedGemm() {}

    static void run(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
        int depthBlocks = (k + KC - 1) / KC;
        if (accumulate && depthBlocks > 1) {
            // C + t needs t whole before the add: sum into a scratch product first
            float[] t = new float[m * n];
            run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, t, 0, n, false, parallel);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] += t[i * n + j];
                }
            }
            return;
        }
        int kcMax = (k + depthBlocks - 1) / depthBlocks; // equal blocks: no thin last block; depends on k only
        boolean directB = !transB && m <= DIRECT_B_MAX_M;
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += kcMax) {
                int mode = p0 > 0 ? MicroKernel.CONTINUE : accumulate ? MicroKernel.ADD : MicroKernel.STORE;
                Panel panel = new Panel(transA, m, nc, Math.min(kcMax, k - p0), p0, j0, a, aOff, lda,
                        c, cOff, ldc, mode);
                panel.run(transB, directB, b, bOff, ldb, parallel);
            }
        }
    }

    /** One depth block of one column panel: C[:, j0:j0+nc] (+)= op(A)[:, p0:p0+kc] · Bp. */
    private static final class Panel {
        final boolean transA;
        final int m, nc, kc, p0, j0, aOff, lda, cOff, ldc, strips, rowBlocks, chunks;
        final float[] a, c;
        final int mode;

        Panel(boolean transA, int m, int nc, int kc, int p0, int j0, float[] a, int aOff, int lda,
              float[] c, int cOff, int ldc, int mode) {
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
            this.mode = mode;
            this.strips = (nc + NR - 1) / NR;
            this.rowBlocks = (m + MC - 1) / MC;
            // few row blocks (small m): cut the columns too, so both threads get work; A is re-packed per chunk
            this.chunks = Math.min(strips, Math.max(1, 8 / rowBlocks));
        }

        /** Packs B once for all threads (unless it is read in place), then runs the tiles. */
        void run(boolean transB, boolean directB, float[] b, int bOff, int ldb, boolean parallel) {
            Strips strips = directB ? direct(b, bOff, ldb) : packed(transB, b, bOff, ldb, parallel);
            IntRangeBody tiles = (t0, t1) -> tiles(strips, t0, t1);
            int tasks = rowBlocks * chunks;
            if (parallel) {
                Parallel.parallelFor(tasks, 1, tiles);
            } else {
                tiles.run(0, tasks);
            }
        }

        private Strips packed(boolean transB, float[] b, int bOff, int ldb, boolean parallel) {
            float[] bp = Buffers.get().b(strips * kc * NR);
            IntRangeBody pack = (s0, s1) -> Packing.packB(transB, b, bOff, ldb, p0, kc, j0, nc, NR, bp, s0, s1);
            if (parallel) {
                Parallel.parallelFor(strips, 4, pack);
            } else {
                pack.run(0, strips);
            }
            return s -> new Strip(bp, s * kc * NR, NR);
        }

        /** B's rows in place; a last strip that would read past the end of b is packed alone. */
        private Strips direct(float[] b, int bOff, int ldb) {
            int first = bOff + p0 * ldb + j0;
            int lastStrip = strips - 1;
            boolean lastFits = first + (kc - 1) * ldb + lastStrip * NR + NR <= b.length;
            float[] edge = lastFits ? null : new float[kc * NR];
            if (edge != null) {
                int js = lastStrip * NR;
                Packing.packB(false, b, bOff, ldb, p0, kc, j0 + js, nc - js, NR, edge, 0, 1);
            }
            return s -> s == lastStrip && edge != null
                    ? new Strip(edge, 0, NR)
                    : new Strip(b, first + s * NR, ldb);
        }

        void tiles(Strips bStrips, int t0, int t1) {
            Buffers buf = Buffers.get();
            for (int t = t0; t < t1; t++) {
                int i0 = (t / chunks) * MC, mc = Math.min(MC, m - i0);
                int chunk = t % chunks;
                float[] ap = buf.a(((mc + MR - 1) / MR) * MR * kc);
                Packing.packA(transA, a, aOff, lda, i0, mc, p0, kc, MR, ap);
                sweep(ap, bStrips, i0, mc, strips * chunk / chunks, strips * (chunk + 1) / chunks, buf.tile);
            }
        }

        /** Strip by strip of B (in L1), all A strips of the row block (in L2). */
        private void sweep(float[] ap, Strips bStrips, int i0, int mc, int s0, int s1, float[] scratch) {
            for (int s = s0; s < s1; s++) {
                Strip strip = bStrips.get(s);
                int cols = Math.min(NR, nc - s * NR);
                int cCol = cOff + j0 + s * NR;
                for (int ir = 0; ir < mc; ir += MR) {
                    MicroKernel.run(kc, ap, ir * kc, strip.b(), strip.base(), strip.stride(),
                            c, cCol + (i0 + ir) * ldc, ldc, Math.min(MR, mc - ir), cols, mode, scratch);
                }
            }
        }
    }

    /** Where strip s of op(B) lies: b[base + p*stride + j] for depth p and column j of the strip. */
    private record Strip(float[] b, int base, int stride) {
    }

    @FunctionalInterface
    private interface Strips {
        Strip get(int s);
    }
}
