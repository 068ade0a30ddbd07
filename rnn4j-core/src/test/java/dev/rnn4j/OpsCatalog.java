package dev.rnn4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The expressions of tools/golden/ops.py, by the same names: each is the Java spelling of the
 * Python lambda there, so a golden case can name its expression with one word.
 */
final class OpsCatalog {

    private static final Map<String, Function<Tensor[], Tensor>> OPS = new HashMap<>();

    private OpsCatalog() {
    }

    /** The expression called {@code name}, applied to the case's inputs. */
    static Tensor apply(String name, Tensor[] in) {
        Function<Tensor[], Tensor> op = OPS.get(name);
        if (op == null) {
            throw new IllegalArgumentException("no Java expression for op " + name);
        }
        return op.apply(in);
    }

    private static void op(String name, Function<Tensor[], Tensor> f) {
        OPS.put(name, f);
    }

    static {
        arithmetic();
        products();
        views();
        joinsAndReductions();
        chains();
    }

    private static void arithmetic() {
        op("add", x -> x[0].add(x[1]));
        op("add_alpha", x -> x[0].add(x[1], 2.5f));
        op("sub", x -> x[0].sub(x[1]));
        op("mul", x -> x[0].mul(x[1]));
        op("div", x -> x[0].div(x[1]));
        op("add_scalar", x -> x[0].add(2.5f));
        op("sub_scalar", x -> x[0].sub(2.5f));
        op("mul_scalar", x -> x[0].mul(2.5f));
        op("div_scalar", x -> x[0].div(2.5f));
        op("neg", x -> x[0].neg());
        op("tanh", x -> x[0].tanh());
        op("sigmoid", x -> x[0].sigmoid());
        op("relu", x -> x[0].relu());
        op("exp", x -> x[0].exp());
        op("log", x -> x[0].log());
    }

    private static void products() {
        op("matmul", x -> x[0].matmul(x[1]));
        op("matmul_bT", x -> x[0].matmul(x[1].transpose(-1, -2)));
        op("aT_matmul", x -> x[0].transpose(-1, -2).matmul(x[1]));
        op("mm", x -> x[0].mm(x[1]));
        op("addmm", x -> Torch.addmm(x[0], x[1], x[2]));
    }

    private static void views() {
        op("t", x -> x[0].t());
        op("transpose_0_1", x -> x[0].transpose(0, 1));
        op("transpose_0_2", x -> x[0].transpose(0, 2));
        op("transpose_m1_m2", x -> x[0].transpose(-1, -2));
        op("view_m1", x -> x[0].view(-1));
        op("view_4_m1", x -> x[0].view(4, -1));
        op("view_2_3_2", x -> x[0].view(2, 3, 2));
        op("reshape_m1_2", x -> x[0].reshape(-1, 2));
        op("t_reshape_m1", x -> x[0].t().reshape(-1));
        op("transpose_reshape_3_m1", x -> x[0].transpose(0, 1).reshape(3, -1));
        op("select_1_2", x -> x[0].select(1, 2));
        op("select_m1_0", x -> x[0].select(-1, 0));
        op("get_1", x -> x[0].get(1));
        op("get_m1", x -> x[0].get(-1));
        op("narrow_1_1_2", x -> x[0].narrow(1, 1, 2));
        op("narrow_0_0_1", x -> x[0].narrow(0, 0, 1));
        op("unsqueeze_0", x -> x[0].unsqueeze(0));
        op("unsqueeze_1", x -> x[0].unsqueeze(1));
        op("unsqueeze_m1", x -> x[0].unsqueeze(-1));
        op("squeeze_1", x -> x[0].squeeze(1));
        op("squeeze_0", x -> x[0].squeeze(0));
        op("squeeze", x -> x[0].squeeze());
        op("expand_3_4", x -> x[0].expand(3, 4));
        op("expand_2_3_4", x -> x[0].expand(2, 3, 4));
        op("expand_m1_4", x -> x[0].expand(-1, 4));
        op("clone", x -> x[0].clone());
        op("t_contiguous", x -> x[0].t().contiguous());
    }

    private static void joinsAndReductions() {
        op("cat_0", x -> Torch.cat(x, 0));
        op("cat_1", x -> Torch.cat(List.of(x), 1));
        op("cat_m1", x -> Torch.cat(x, -1));
        op("stack", Torch::stack);
        op("stack_1", x -> Torch.stack(List.of(x), 1));
        op("stack_m1", x -> Torch.stack(List.of(x), -1));
        op("sum", x -> x[0].sum());
        op("sum_1", x -> x[0].sum(1));
        op("sum_m1", x -> x[0].sum(-1));
        op("sum_0_keep", x -> x[0].sum(0, true));
        op("sum_0_2", x -> x[0].sum(new int[]{0, 2}, false));
        op("sum_m1_0_keep", x -> x[0].sum(new int[]{-1, 0}, true));
        op("mean", x -> x[0].mean());
        op("mean_1", x -> x[0].mean(1));
        op("mean_m2_keep", x -> x[0].mean(-2, true));
        op("iter_stack", x -> Torch.stack(rows(x[0]), 0));
        op("iter_first_times_last", x -> {
            List<Tensor> rows = rows(x[0]);
            return rows.get(0).mul(rows(x[0]).get(rows.size() - 1));
        });
    }

    /** Chains that reuse an input, so that its gradient accumulates inside one graph. */
    private static void chains() {
        op("x_mul_x_add_x", x -> x[0].mul(x[0]).add(x[0]));
        op("tanh_x_mul_x", x -> x[0].tanh().mul(x[0]));
        op("sigmoid_mul_tanh_sub_x", x -> x[0].sigmoid().mul(x[0].tanh()).sub(x[0].div(2.5f)));
        op("xt_mm_x", x -> x[0].t().mm(x[0]));
        op("matmul_add_sum", x -> x[0].matmul(x[1]).add(x[0].sum()));
        op("cat_x_2x_sum_0", x -> Torch.cat(List.of(x[0], x[0].mul(2.5f)), 0).sum(0));
        op("stack_x3_mean_0", x -> Torch.stack(x[0], x[0].tanh(), x[0]).mean(0));
        op("softmax_1", x -> x[0].exp().div(x[0].exp().sum(1, true)));
        op("log_sigmoid", x -> x[0].sigmoid().log());
        op("a_add_b_mul_a_sub_b", x -> x[0].add(x[1]).mul(x[0].sub(x[1])));
        op("linear_tanh", x -> Torch.addmm(x[2], x[0], x[1].t()).tanh());
        op("rnn_step", x -> x[0].matmul(x[2]).add(x[1].matmul(x[2])).tanh().matmul(x[2].t()));
        op("narrow_parts_mul", x -> x[0].narrow(1, 0, 2).mul(x[0].narrow(1, 2, 2)));
        op("select_rows_add", x -> x[0].select(0, 0).add(x[0].select(0, 1).mul(x[0].get(2))));
        op("expand_mul_self", x -> x[0].expand(2, 3, 4).mul(x[0]));
        op("reshape_t_mm", x -> x[0].reshape(4, 3).t().mm(x[0].reshape(4, 3)));
        op("mean_sub", x -> x[0].sub(x[0].mean(0, true)));
        op("relu_exp_neg", x -> x[0].neg().relu().exp().add(x[0].relu()));
        op("unsqueeze_mul_broadcast", x -> x[0].unsqueeze(1).mul(x[1].unsqueeze(0)));
        op("div_self_sum", x -> x[0].div(x[0].sum()));
    }

    /** {@code list(t)} in Python: the slices of the first dimension, through the iterator. */
    private static List<Tensor> rows(Tensor t) {
        List<Tensor> out = new java.util.ArrayList<>();
        for (Tensor row : t) {
            out.add(row);
        }
        return out;
    }
}
