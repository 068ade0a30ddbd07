package dev.rnn4j.kernel;

/** Per-thread scratch arrays for packed panels, kept between calls so the hot path allocates nothing. */
final class Buffers {
    private static final ThreadLocal<Buffers> LOCAL = ThreadLocal.withInitial(Buffers::new);

    private float[] a = new float[0];
    private float[] b = new float[0];
    final float[] tile = new float[MicroKernel.MR * MicroKernel.NR];

    private Buffers() {}

    static Buffers get() {
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
