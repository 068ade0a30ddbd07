package dev.rnn4j;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The gradient of a matrix product at its right operand, Aᵀ·G, is computed as (Gᵀ·A)ᵀ when G is narrower: the same
 * bits as Aᵀ·G itself, in either arithmetic, also over several depth blocks.
 */
class ProductGradientTest {

    @ParameterizedTest
    @CsvSource({"false, 300, 256, 65", "true, 300, 256, 65", "false, 700, 96, 40", "true, 700, 96, 40",
            "false, 64, 30, 50"})
    void rightOperandGradientEqualsTheDirectProduct(boolean exact, int rows, int inner, int outer) {
        boolean before = Torch.isExactArithmetic();
        Torch.setExactArithmetic(exact);
        try {
            Torch.manualSeed(31);
            Tensor a = Torch.randn(rows, inner);
            Tensor w = Torch.randn(inner, outer).requiresGrad(true);
            Tensor g = Torch.randn(rows, outer);
            a.matmul(w).backward(g);
            Tensor direct = a.t().matmul(g);
            assertArrayEquals(direct.toFloatArray(), w.grad().toFloatArray());
        } finally {
            Torch.setExactArithmetic(before);
        }
    }
}
