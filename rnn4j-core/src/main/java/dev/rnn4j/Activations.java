package dev.rnn4j;

import dev.rnn4j.autograd.Op;
import dev.rnn4j.internal.kernel.gates.SleefFloat;
import dev.rnn4j.internal.kernel.gates.TorchSigmoid;
import dev.rnn4j.internal.kernel.Strided;

/** Element-wise functions whose gradient is written from their output or input. */
final class Activations {

    private Activations() {
    }

    /** Sleef's tanhf on every element, as PyTorch's vectorised tanh (and the fused layers). */
    static Tensor tanh(Tensor x) {
        Tensor y = Arithmetic.map(x, SleefFloat::tanh);
        return fromOutput(y, x, "TanhBackward0", (g, out) -> g * (1f - out * out));
    }

    /** PyTorch's sigmoid: Sleef's exp in whole 16-float blocks of each contiguous run, the scalar formula after. */
    static Tensor sigmoid(Tensor x) {
        float[] v = x.toFloatArray();
        TorchSigmoid.runs(v, Math.max(1, contiguousRun(x)));
        Tensor y = new Tensor(v, x.shape.clone());
        return fromOutput(y, x, "SigmoidBackward0", (g, out) -> g * ((1f - out) * out));
    }

    static Tensor relu(Tensor x) {
        Tensor y = Arithmetic.map(x, v -> v > 0f ? v : 0f);
        return fromOutput(y, x, "ReluBackward0", (g, out) -> out > 0f ? g : 0f);
    }

    static Tensor exp(Tensor x) {
        Tensor y = Arithmetic.map(x, SleefFloat::exp);
        return fromOutput(y, x, "ExpBackward0", (g, out) -> g * out);
    }

    static Tensor log(Tensor x) {
        Tensor y = Arithmetic.map(x, v -> (float) Math.log(v));
        return fromOutput(y, x.detach(), x, "LogBackward0", (g, in) -> g / in);
    }

    /** GELU, exact ({@code "none"}) or PyTorch's tanh approximation ({@code "tanh"}); GeluBackward0 either way. */
    static Tensor gelu(Tensor x, String approximate) {
        boolean tanh = switch (approximate) {
            case "none" -> false;
            case "tanh" -> true;
            default -> throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        };
        Tensor y = Arithmetic.map(x, tanh ? Gelu::tanh : Gelu::exact);
        return fromOutput(y, x.detach(), x, "GeluBackward0", tanh ? Gelu::tanhGrad : Gelu::exactGrad);
    }

    /** |x|; its gradient is g·sign(x), 0 at 0. */
    static Tensor abs(Tensor x) {
        Tensor y = Arithmetic.map(x, Math::abs);
        return fromOutput(y, x.detach(), x, "AbsBackward0", (g, in) -> g * Math.signum(in));
    }

    /** log(1 + x), accurate for small x. */
    static Tensor log1p(Tensor x) {
        Tensor y = Arithmetic.map(x, v -> (float) Math.log1p(v));
        return fromOutput(y, x.detach(), x, "Log1PBackward0", (g, in) -> g / (1f + in));
    }

    /** 1/√x; its gradient is −g·y³/2. */
    static Tensor rsqrt(Tensor x) {
        Tensor y = Arithmetic.map(x, v -> (float) (1 / Math.sqrt(v)));
        return fromOutput(y, x, "RsqrtBackward0", (g, out) -> -0.5f * g * out * out * out);
    }

    /** How many elements the innermost dimensions that lie contiguously in storage hold (PyTorch's coalesced run). */
    private static int contiguousRun(Tensor x) {
        int run = 1;
        for (int d = x.dim() - 1; d >= 0; d--) {
            if (x.shape[d] == 1) {
                continue;
            }
            if (x.strides[d] != run) {
                break;
            }
            run *= x.shape[d];
        }
        return run;
    }

    private static Tensor fromOutput(Tensor y, Tensor x, String name, Strided.BinaryFn dydx) {
        return fromOutput(y, y.detach(), x, name, dydx);
    }

    /** Records a node whose input gradient is dydx(g, saved) element-wise. */
    private static Tensor fromOutput(Tensor y, Tensor saved, Tensor x, String name, Strided.BinaryFn dydx) {
        return Op.record(y, name, Op.save(saved),
                (g, s) -> new Tensor[]{Arithmetic.broadcastMap(g[0], s.get(0), dydx)}, x);
    }
}
