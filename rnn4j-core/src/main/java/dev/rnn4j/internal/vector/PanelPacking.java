package dev.rnn4j.internal.vector;

/**
 * Copies blocks of op(A) and op(B) into the order the micro-kernel reads them, so its loads are contiguous whatever
 * the transposes and leading dimensions. Strips are padded with zeros to full width: the kernel never branches.
 */
final class PanelPacking {
    private PanelPacking() {}

    /**
     * Packs op(B)[p0:p0+kc, j0:j0+nc] as strips of nr columns: strip s, row p, column jj lands at
     * dst[dstOff + s*kc*nr + p*nr + jj]. op(B) is b (k,n) or, when transB, b is (n,k).
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr,
                      float[] dst, int dstOff, int strip0, int strip1) {
        for (int s = strip0; s < strip1; s++) {
            int js = j0 + s * nr, width = Math.min(nr, nc - s * nr), base = dstOff + s * kc * nr;
            if (transB) {
                stripFromRows(b, bOff + js * ldb + p0, ldb, kc, width, nr, dst, base);
            } else {
                stripFromColumns(b, bOff + p0 * ldb + js, ldb, kc, width, nr, dst, base);
            }
        }
    }

    /**
     * Where packed A strip s starts: s·aStripStride(kc, mr). One cache line more than the strip, so that strips are
     * not a power of two apart: packing a transposed A writes a few floats to every strip per depth step, and at 4 KB
     * apart (256 deep, 4 rows) all those writes fell in one L1 set and evicted each other.
     */
    static int aStripStride(int kc, int mr) {
        return kc * mr + 16;
    }

    /**
     * Packs op(A)[i0:i0+mc, p0:p0+kc] as strips of mr rows: strip s, row r, depth p lands at
     * dst[s*stride + p*mr + r], stride = {@link #aStripStride}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr,
                      float[] dst, int dstOff) {
        int stride = aStripStride(kc, mr);
        if (transA && (mr == 8 || mr == 4) && mc >= mr) {
            int full = mc / mr;
            if (mr == 8) {
                columnsDepthFirst(a, aOff + p0 * lda + i0, lda, kc, full, stride, dst, dstOff);
            } else {
                columnsDepthFirst4(a, aOff + p0 * lda + i0, lda, kc, full, stride, dst, dstOff);
            }
            if (full * mr < mc) {
                int s = full, is = i0 + s * mr;
                stripFromColumns(a, aOff + p0 * lda + is, lda, kc, mc - s * mr, mr, dst, dstOff + s * stride);
            }
            return;
        }
        for (int s = 0; s * mr < mc; s++) {
            int is = i0 + s * mr, height = Math.min(mr, mc - s * mr), base = dstOff + s * stride;
            if (transA) {
                // a is (k,m): a row of the stored matrix is a column of op(A)
                stripFromColumns(a, aOff + p0 * lda + is, lda, kc, height, mr, dst, base);
            } else {
                stripFromRows(a, aOff + is * lda + p0, lda, kc, height, mr, dst, base);
            }
        }
    }

    /**
     * dst[base + p*w + t] = x[off + p*ld + t]: each depth step is a contiguous run of the source. Full 8-wide strips
     * of a transposed A go through {@link #columnsDepthFirst} instead.
     */
    private static void stripFromColumns(float[] x, int off, int ld, int kc, int used, int w, float[] dst, int base) {
        for (int p = 0; p < kc; p++) {
            int d = base + p * w;
            System.arraycopy(x, off + p * ld, dst, d, used);
            if (used < w) {
                java.util.Arrays.fill(dst, d + used, d + w, 0f);
            }
        }
    }

    /**
     * Full 8-wide strips of a transposed A, strip s of depth p at dst[base + s*stripSize + p*8]: depth by depth, so
     * each source row (a depth step) is read once, contiguously, for all strips. Strip by strip, every strip met each
     * of kc rows a page apart again (a layer's weight gradient packs 2048x1024 of them: 6% of a training step). The
     * 8 floats are copied in place: System.arraycopy's call costs more than they do.
     */
    private static void columnsDepthFirst(float[] x, int off, int ld, int kc, int strips, int stripSize, float[] dst,
                                          int base) {
        for (int p = 0; p < kc; p++) {
            int src = off + p * ld;
            for (int s = 0, d = base + p * 8; s < strips; s++, src += 8, d += stripSize) {
                dst[d] = x[src];
                dst[d + 1] = x[src + 1];
                dst[d + 2] = x[src + 2];
                dst[d + 3] = x[src + 3];
                dst[d + 4] = x[src + 4];
                dst[d + 5] = x[src + 5];
                dst[d + 6] = x[src + 6];
                dst[d + 7] = x[src + 7];
            }
        }
    }

    /** {@link #columnsDepthFirst} for the 4-row strips of AVX2's tile. */
    private static void columnsDepthFirst4(float[] x, int off, int ld, int kc, int strips, int stripSize, float[] dst,
                                           int base) {
        for (int p = 0; p < kc; p++) {
            int src = off + p * ld;
            for (int s = 0, d = base + p * 4; s < strips; s++, src += 4, d += stripSize) {
                dst[d] = x[src];
                dst[d + 1] = x[src + 1];
                dst[d + 2] = x[src + 2];
                dst[d + 3] = x[src + 3];
            }
        }
    }

    /**
     * dst[base + p*w + t] = x[off + t*ld + p]: a transposing copy. A full strip of 8 or 4 rows (an A strip of the
     * kernel's tile) goes depth by depth: contiguous writes, a forward read stream per row, 1.7x faster than row by
     * row (a recurrent step packs 32x1024 of A: 40 us serial before, 22 after).
     */
    private static void stripFromRows(float[] x, int off, int ld, int kc, int used, int w, float[] dst, int base) {
        if (used == 8 && w == 8) {
            int r0 = off, r1 = r0 + ld, r2 = r1 + ld, r3 = r2 + ld, r4 = r3 + ld, r5 = r4 + ld, r6 = r5 + ld, r7 = r6 + ld;
            for (int p = 0, d = base; p < kc; p++, d += 8) {
                dst[d] = x[r0 + p];
                dst[d + 1] = x[r1 + p];
                dst[d + 2] = x[r2 + p];
                dst[d + 3] = x[r3 + p];
                dst[d + 4] = x[r4 + p];
                dst[d + 5] = x[r5 + p];
                dst[d + 6] = x[r6 + p];
                dst[d + 7] = x[r7 + p];
            }
            return;
        }
        if (used == 4 && w == 4) {
            int r0 = off, r1 = r0 + ld, r2 = r1 + ld, r3 = r2 + ld;
            for (int p = 0, d = base; p < kc; p++, d += 4) {
                dst[d] = x[r0 + p];
                dst[d + 1] = x[r1 + p];
                dst[d + 2] = x[r2 + p];
                dst[d + 3] = x[r3 + p];
            }
            return;
        }
        // wide strips (B's) and partial ones: row by row, reading each source row once
        for (int t = 0; t < used; t++) {
            int src = off + t * ld;
            for (int p = 0; p < kc; p++) {
                dst[base + p * w + t] = x[src + p];
            }
        }
        for (int t = used; t < w; t++) {
            for (int p = 0; p < kc; p++) {
                dst[base + p * w + t] = 0f;
            }
        }
    }
}
