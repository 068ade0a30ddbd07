package dev.rnn4j.internal.vector;

/** Per-thread scratch arrays for packed panels, kept between calls so the hot path allocates nothing. */
final class GemmBuffers {
    private static final ThreadLocal<GemmBuffers> LOCAL = ThreadLocal.withInitial(GemmBuffers::new);

    private float[] a = new float[0];
    private float[] b = new float[0];
    final float[] tile = new float[MicroKernel.MR * MicroKernel.NR];

    private GemmBuffers() {}

    static GemmBuffers get() {
        return LOCAL.get();
    }

    float[] a(int size) {
        if (a.length < size) {
            a = new float[size];
        }
        return a;
    }

    float[] b(int size) {
        if (b.length < size) {
            b = new float[size];
        }
        return b;
    }
}
