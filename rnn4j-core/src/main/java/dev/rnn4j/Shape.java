package dev.rnn4j;

import java.util.Arrays;

/** Shape arithmetic and the shape checks whose messages users see, in one place. */
public final class Shape {

    private Shape() {
    }

    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape)
                    + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    public static void checkNonNegative(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Trying to create tensor with negative dimension " + d + ": "
                        + Arrays.toString(shape));
            }
        }
    }

    /** Wraps a possibly negative dim into [0, rank), with PyTorch's message when out of range. */
    public static int wrapDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException("Dimension out of range (expected to be in range of [" + (-r) + ", "
                    + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** The shape of a view with one -1 inferred, checked against numel. */
    public static int[] inferSize(int[] requested, int numel) {
        int[] shape = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be inferred");
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + shape[i]);
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0 && known != 0 && numel % known == 0) {
            shape[infer] = (int) (numel / known);
            return shape;
        }
        if (infer < 0 && known == numel) {
            return shape;
        }
        throw new IllegalArgumentException("shape '" + Arrays.toString(requested) + "' is invalid for input of size "
                + numel);
    }

    /** numpy/PyTorch broadcasting of two shapes. */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("The size of tensor a (" + da + ") must match the size of tensor b ("
                        + db + ") at non-singleton dimension " + i);
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides that read a tensor of {@code shape}/{@code strides} as if expanded to {@code target}. */
    public static int[] expandedStrides(int[] shape, int[] strides, int[] target) {
        int[] out = new int[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < target.length; i++) {
            int j = i - lead;
            out[i] = j < 0 || shape[j] == 1 ? 0 : strides[j];
        }
        return out;
    }

    /** PyTorch's list form of a shape in messages: [1, 1, 2]. */
    public static String list(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Python's tuple form of a shape in messages: (2, 1, 2) or (3,). */
    public static String tuple(int... shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }
}
