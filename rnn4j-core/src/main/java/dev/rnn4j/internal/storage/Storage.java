package dev.rnn4j.internal.storage;

import dev.rnn4j.Tensor;

import java.util.function.IntFunction;

/**
 * The array behind a tensor, for the library's own element loops over whole parameters and gradients (optimizers,
 * gradient clipping) and for an inference run reading its weights, which would otherwise copy every value out (and
 * back) each call. Only a tensor that is its whole array, in order from index 0, is handed out; for any other the
 * caller takes its copying path. Not API.
 */
public final class Storage {
    /** What {@link Tensor} lends this class; it installs it once, as it initialises. */
    public interface Access {
        /** t's array if t is all of it, contiguous from 0, else null. */
        float[] whole(Tensor t);

        /** t's values in row-major order written to out (at least t.numel() long); returns out. */
        float[] copy(Tensor t, float[] out);

        /** As {@link #whole}, for a write: checks it as {@code copy_} does and counts it on t's version first. */
        float[] wholeForWrite(Tensor t);
    }

    private static Access access;

    private Storage() {
    }

    /** Called by Tensor's static initialiser; a second call is refused. */
    public static synchronized void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("tensor storage access is installed already");
        }
        access = a;
    }

    /** t's array if t is all of it in order (read only), else null. */
    public static float[] read(Tensor t) {
        return access.whole(t);
    }

    /** t's values in row-major order, to read only: its own array when it is whole, else a copy. */
    public static float[] readOrCopy(Tensor t) {
        return readOrCopy(t, float[]::new);
    }

    /**
     * t's values in row-major order, to read only: its own array when it is whole, else a copy in a buffer of
     * {@code buffers} (asked for t.numel() floats), which the caller hands back when done: the result is then not
     * {@link #read read(t)}.
     */
    public static float[] readOrCopy(Tensor t, IntFunction<float[]> buffers) {
        float[] own = read(t);
        return own != null ? own : access.copy(t, buffers.apply(t.numel()));
    }

    /**
     * t's array if t is all of it in order, for an in-place write that counts as one on t's version, else null (and
     * nothing counted). Throws as {@code copy_} would when t may not be written in place.
     */
    public static float[] write(Tensor t) {
        return access.wholeForWrite(t);
    }
}
