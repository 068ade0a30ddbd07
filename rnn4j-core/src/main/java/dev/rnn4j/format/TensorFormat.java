package dev.rnn4j.format;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * PyTorch's tensor printing ({@code torch/_tensor_str.py}), character for character:
 * {@code repr(tensor)}, {@code repr(torch.Size)} and {@code repr(nn.Parameter)}.
 *
 * <p>The methods without a {@link PrintOptions} argument use {@link PrintOptions#current()}.
 */
public final class TensorFormat {

    private static final String PREFIX = "tensor(";

    private TensorFormat() {
    }

    /**
     * PyTorch's repr of a float32 strided tensor: "tensor(...)" with the given suffixes
     * (e.g. "grad_fn=&lt;TanhBackward0&gt;", "requires_grad=True") added as
     * {@code _add_suffixes} does. Element {@code (i, j, ...)} is
     * {@code data[offset + i*strides[0] + j*strides[1] + ...]}.
     */
    public static String repr(float[] data, int offset, int[] shape, int[] strides, List<String> suffixes) {
        return repr(data, offset, shape, strides, suffixes, PrintOptions.current());
    }

    /** {@link #repr(float[], int, int[], int[], List)} with explicit options. */
    public static String repr(float[] data, int offset, int[] shape, int[] strides, List<String> suffixes,
                              PrintOptions options) {
        StridedView view = new StridedView(shape.clone(), strides.clone(), offset);
        if (view.numel() == 0) {
            return empty(shape, suffixes, false, options);
        }
        Summary summary = summary(view, options);
        ElementFormatter formatter = new FloatFormatter(data, view, summary, options);
        return withSuffixes(new TensorLayout(formatter, summary, options.linewidth()).render(view, PREFIX.length()),
                suffixes, options);
    }

    /** The repr of a contiguous (row-major) float32 tensor. */
    public static String repr(float[] data, int[] shape, List<String> suffixes) {
        return repr(data, 0, shape, StridedView.contiguousStrides(shape), suffixes);
    }

    /** The same for an int64 tensor (PackedSequence batch_sizes, lengths): tensor([3, 3, 2]) */
    public static String reprLong(long[] data, int[] shape, List<String> suffixes) {
        return reprLong(data, shape, suffixes, PrintOptions.current());
    }

    /** {@link #reprLong(long[], int[], List)} with explicit options. */
    public static String reprLong(long[] data, int[] shape, List<String> suffixes, PrintOptions options) {
        StridedView view = new StridedView(shape.clone(), StridedView.contiguousStrides(shape), 0);
        if (view.numel() == 0) {
            return empty(shape, suffixes, true, options);
        }
        Summary summary = summary(view, options);
        ElementFormatter formatter = new LongFormatter(data, view, summary);
        return withSuffixes(new TensorLayout(formatter, summary, options.linewidth()).render(view, PREFIX.length()),
                suffixes, options);
    }

    /** torch.Size([1, 4]); torch.Size([]) for a 0-d shape. */
    public static String size(int[] shape) {
        StringJoiner list = new StringJoiner(", ", "torch.Size([", "])");
        for (int d : shape) {
            list.add(Integer.toString(d));
        }
        return list.toString();
    }

    /** {@code repr(nn.Parameter)}: a header line over the tensor's repr (which should carry requires_grad=True). */
    public static String parameter(String tensorRepr) {
        return "Parameter containing:\n" + tensorRepr;
    }

    private static Summary summary(StridedView view, PrintOptions options) {
        return new Summary(view.numel() > options.threshold(), options.edgeitems());
    }

    private static String withSuffixes(String body, List<String> suffixes, PrintOptions options) {
        return Suffixes.add(PREFIX + body, suffixes, PREFIX.length(), options.linewidth());
    }

    /**
     * "tensor([]...": with no elements the shape (unless 1-d) and a non-float32 dtype,
     * int64 included, are spelled out, ahead of the caller's suffixes.
     */
    private static String empty(int[] shape, List<String> suffixes, boolean int64, PrintOptions options) {
        List<String> all = new ArrayList<>();
        if (shape.length != 1) {
            all.add("size=" + pythonTuple(shape));
        }
        if (int64) {
            all.add("dtype=torch.int64");
        }
        all.addAll(suffixes);
        return withSuffixes("[]", all, options);
    }

    /** Python's str(tuple): (0,) for one element, (2, 0, 4) otherwise. */
    private static String pythonTuple(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        for (int d : shape) {
            tuple.add(Integer.toString(d));
        }
        return tuple.toString();
    }
}
