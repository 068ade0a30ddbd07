package dev.rnn4j.kernel;

import static dev.rnn4j.kernel.MicroKernel.MR;
import static dev.rnn4j.kernel.MicroKernel.NR;

/**
 * Goto/BLIS-style blocking around {@link MicroKernel}: for each column panel and depth block, op(B) is packed once
 * (kc×nc, shared by all threads), then row blocks of op(A) are packed (mc×kc, per thread, sized for L2) and swept by
 * the micro-kernel strip by strip, so a kc×NR strip of B stays in L1 while it meets every A strip of the block.
 *
 * <p>Threads split the output only — row blocks × column chunks of C — and every depth block finishes before the
 * next starts, so each C element sees the same sums in the same order with any number of threads.
 */
final class PackedGemm {
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 4096;

    private PackedGemm() {}

    static void run(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
        int depthBlocks = (k + KC - 1) / KC;
        int kcMax = (k + depthBlocks - 1) / depthBlocks; // equal blocks: no thin last block; depends on k only
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += kcMax) {
                Panel panel = new Panel(transA, m, nc, Math.min(kcMax, k - p0), p0, j0, a, aOff, lda,
                        c, cOff, ldc, accumulate || p0 > 0);
                panel.run(transB, b, bOff, ldb, parallel);
            }
        }
    }

    /** One depth block of one column panel: C[:, j0:j0+nc] (+)= op(A)[:, p0:p0+kc] · Bp. */
    private static final class Panel {
        final boolean transA;
        final int m, nc, kc, p0, j0, aOff, lda, cOff, ldc, strips, rowBlocks, chunks;
        final float[] a, c;
        final boolean add;

        Panel(boolean transA, int m, int nc, int kc, int p0, int j0, float[] a, int aOff, int lda,
              float[] c, int cOff, int ldc, boolean add) {
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
            this.add = add;
            this.strips = (nc + NR - 1) / NR;
            this.rowBlocks = (m + MC - 1) / MC;
            // few row blocks (small m): cut the columns too, so both threads get work; A is re-packed per chunk
            this.chunks = Math.min(strips, Math.max(1, 8 / rowBlocks));
        }

        /** Packs B once for all threads, then runs the tiles. */
        void run(boolean transB, float[] b, int bOff, int ldb, boolean parallel) {
            float[] bp = Buffers.get().b(strips * kc * NR);
            IntRangeBody pack = (s0, s1) -> Packing.packB(transB, b, bOff, ldb, p0, kc, j0, nc, NR, bp, s0, s1);
            IntRangeBody tiles = (t0, t1) -> tiles(bp, t0, t1);
            int tasks = rowBlocks * chunks;
            if (parallel) {
                Parallel.parallelFor(strips, 4, pack);
                Parallel.parallelFor(tasks, 1, tiles);
            } else {
                pack.run(0, strips);
                tiles.run(0, tasks);
            }
        }

        void tiles(float[] bp, int t0, int t1) {
            Buffers buf = Buffers.get();
            for (int t = t0; t < t1; t++) {
                int i0 = (t / chunks) * MC, mc = Math.min(MC, m - i0);
                int chunk = t % chunks;
                float[] ap = buf.a(((mc + MR - 1) / MR) * MR * kc);
                Packing.packA(transA, a, aOff, lda, i0, mc, p0, kc, MR, ap);
                sweep(ap, bp, i0, mc, strips * chunk / chunks, strips * (chunk + 1) / chunks, buf.tile);
            }
        }

        /** Strip by strip of B (in L1), all A strips of the row block (in L2). */
        private void sweep(float[] ap, float[] bp, int i0, int mc, int s0, int s1, float[] scratch) {
            for (int s = s0; s < s1; s++) {
                int cols = Math.min(NR, nc - s * NR);
                int cCol = cOff + j0 + s * NR;
                for (int ir = 0; ir < mc; ir += MR) {
                    MicroKernel.run(kc, ap, ir * kc, bp, s * kc * NR,
                            c, cCol + (i0 + ir) * ldc, ldc, Math.min(MR, mc - ir), cols, add, scratch);
                }
            }
        }
    }
}
