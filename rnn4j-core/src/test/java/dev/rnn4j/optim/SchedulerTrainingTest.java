package dev.rnn4j.optim;

import dev.rnn4j.golden.GoldenFile;
import dev.rnn4j.nn.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * An optimizer driven by a scheduler (SGD with nesterov under OneCycleLR's momentum, Adam under
 * its β1, RMSprop under cosine annealing): the parameters after every step, as in PyTorch, so
 * the optimizer is seen to use the rates and momenta the scheduler writes into its groups.
 */
class SchedulerTrainingTest {

    static List<GoldenFile.Case> trainings() {
        return SchedulerCases.ofKind("training");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainings")
    void parametersFollowPyTorch(GoldenFile.Case c) {
        List<Parameter> params = OptimizerCases.params(c);
        Optimizer opt = SchedulerCases.optimizer(c, params);
        SchedulerCases.Scheduler scheduler = SchedulerCases.build(c, opt);
        OptimizerTrajectoryTest.runSteps(c, opt, params, OptimizerCases.gradGenerator(c), 1, c.getInt("steps"),
                () -> scheduler.step(0));
    }
}
