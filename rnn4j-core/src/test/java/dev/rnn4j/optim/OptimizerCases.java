package dev.rnn4j.optim;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.golden.GoldenAssert;
import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.random.Generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Builds what a case of {@code optim.txt} describes (tools/golden/optim.py): the parameters,
 * the optimizer from its {@code option.*} and {@code group.*} settings through the public
 * builders, and each step's gradients from the seeded generator.
 */
final class OptimizerCases {

    static final List<GoldenFile.Case> ALL = GoldenFile.load("optim.txt");

    private OptimizerCases() {
    }

    static List<GoldenFile.Case> ofKind(String kind) {
        return ALL.stream().filter(c -> c.get("kind").equals(kind)).toList();
    }

    /** The case's starting parameters, fresh leaves. */
    static List<Parameter> params(GoldenFile.Case c) {
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; c.tensors().containsKey("param" + i); i++) {
            out.add(new Parameter(GoldenAssert.tensor(c.tensor("param" + i))));
        }
        return out;
    }

    /** {@code option.<key>} settings (or {@code prefix<key>}), in file order, as Java values. */
    static Map<String, Object> options(GoldenFile.Case c, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        c.settings().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), Json.value(v));
            }
        });
        return out;
    }

    static Optimizer build(GoldenFile.Case c, List<? extends Tensor> params) {
        Map<String, Object> options = options(c, "option.");
        if (!c.settings().containsKey("groups")) {
            return build(c.get("optimizer"), options, params, null);
        }
        ParamGroup[] groups = new ParamGroup[c.getInt("groups")];
        for (int i = 0; i < groups.length; i++) {
            List<Tensor> members = new ArrayList<>();
            for (String index : c.get("group." + i + ".params").split(" ")) {
                members.add(params.get(Integer.parseInt(index)));
            }
            groups[i] = ParamGroup.of(members);
            options(c, "group." + i + ".option.").forEach(groups[i]::set);
        }
        return build(c.get("optimizer"), options, null, groups);
    }

    /** The optimizer named as in torch.optim, with each option set through its builder method. */
    static Optimizer build(String name, Map<String, Object> options, List<? extends Tensor> params,
                           ParamGroup[] groups) {
        return switch (name) {
            case "SGD" -> configure(params != null ? SGD.builder(params) : SGD.builder(groups), options, (b, k, v) -> {
                switch (k) {
                    case "momentum" -> b.momentum(number(v));
                    case "dampening" -> b.dampening(number(v));
                    case "nesterov" -> b.nesterov((Boolean) v);
                    default -> fail("unknown SGD option " + k);
                }
            });
            case "Adam" -> configure(params != null ? Adam.builder(params) : Adam.builder(groups), options,
                    OptimizerCases::<Adam>adamOption);
            case "AdamW" -> configure(params != null ? AdamW.builder(params) : AdamW.builder(groups), options,
                    OptimizerCases::<AdamW>adamOption);
            case "RMSprop" -> configure(params != null ? RMSprop.builder(params) : RMSprop.builder(groups), options,
                    (b, k, v) -> {
                        switch (k) {
                            case "momentum" -> b.momentum(number(v));
                            case "alpha" -> b.alpha(number(v));
                            case "eps" -> b.eps(number(v));
                            case "centered" -> b.centered((Boolean) v);
                            default -> fail("unknown RMSprop option " + k);
                        }
                    });
            case "Adagrad" -> configure(params != null ? Adagrad.builder(params) : Adagrad.builder(groups), options,
                    (b, k, v) -> {
                        switch (k) {
                            case "lr_decay" -> b.lrDecay(number(v));
                            case "initial_accumulator_value" -> b.initialAccumulatorValue(number(v));
                            case "eps" -> b.eps(number(v));
                            default -> fail("unknown Adagrad option " + k);
                        }
                    });
            default -> throw new IllegalArgumentException("unknown optimizer " + name);
        };
    }

    private static <O extends Optimizer> void adamOption(Adam.Builder<O> b, String k, Object v) {
        switch (k) {
            case "betas" -> b.betas(number(((List<?>) v).get(0)), number(((List<?>) v).get(1)));
            case "eps" -> b.eps(number(v));
            case "amsgrad" -> b.amsgrad((Boolean) v);
            case "decoupled_weight_decay" -> b.decoupledWeightDecay((Boolean) v);
            default -> fail("unknown Adam option " + k);
        }
    }

    interface OptionSetter<B> {
        void set(B builder, String key, Object value);
    }

    /** Sets the options all optimizers share, then hands the others to {@code own}. */
    private static <B extends OptimizerBuilder<B, O>, O extends Optimizer> O configure(
            B builder, Map<String, Object> options, OptionSetter<B> own) {
        options.forEach((k, v) -> {
            switch (k) {
                case "lr" -> builder.lr(number(v));
                case "weight_decay" -> builder.weightDecay(number(v));
                case "maximize" -> builder.maximize((Boolean) v);
                default -> own.set(builder, k, v);
            }
        });
        return builder.build();
    }

    static double number(Object v) {
        return ((Number) v).doubleValue();
    }

    /** Step {@code step}'s gradients: randn for every parameter in order; with skip, parameter 2 gets none every third step. */
    static void setGrads(List<? extends Tensor> params, Generator gen, int step, boolean skip) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            p.setGrad(Torch.randn(gen, p.shape().toArray()));
            if (skip && i == 2 && step % 3 == 0) {
                p.setGrad(null);
            }
        }
    }

    static Generator gradGenerator(GoldenFile.Case c) {
        Generator g = new Generator();
        g.manualSeed(c.getLong("grad_seed"));
        return g;
    }
}
