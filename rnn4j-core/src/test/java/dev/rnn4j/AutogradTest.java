package dev.rnn4j;

import dev.rnn4j.autograd.Op;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The autograd rules that golden values cannot show: accumulation, freed graphs, grad mode, errors. */
class AutogradTest {

    private static final String SECOND_BACKWARD = "Trying to backward through the graph a second time (or directly "
            + "access saved tensors after they have already been freed). Saved intermediate values of the graph are "
            + "freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward "
            + "through the graph a second time or if you need to access saved tensors after calling backward.";

    private static Tensor leaf(float... values) {
        return Torch.tensor(values).requiresGrad(true);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = leaf(1f, -2f, 3f);
        x.mul(2f).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new float[]{2f + 2f, 2f - 4f, 2f + 6f}, x.grad().toFloatArray());
    }

    @Test
    void secondBackwardThroughFreedSavedTensorsThrows() {
        Tensor x = leaf(1f, 2f);
        Tensor y = x.mul(x).sum();   // MulBackward0 saves both operands
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals(SECOND_BACKWARD, e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = leaf(1f, 2f);
        Tensor y = x.mul(x).sum();
        y.backward(Torch.scalar(1f), true);
        y.backward(Torch.scalar(1f), true);
        y.backward();
        assertArrayEquals(new float[]{6f, 12f}, x.grad().toFloatArray());
    }

    @Test
    void graphWithoutSavedTensorsCanBeRunTwice() {
        // PyTorch only fails where a node needs a freed saved tensor; AddBackward0 saves none
        Tensor x = leaf(1f, 2f);
        Tensor y = x.add(x).sum();
        y.backward();
        y.backward();
        assertArrayEquals(new float[]{4f, 4f}, x.grad().toFloatArray());
    }

    @Test
    void implicitGradientOnlyForScalarOutputs() {
        Tensor y = leaf(1f, 2f).mul(3f);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("grad can be implicitly created only for scalar outputs", e.getMessage());
    }

    @Test
    void backwardOfATensorWithoutGradThrows() {
        String message = "element 0 of tensors does not require grad and does not have a grad_fn";
        assertEquals(message, assertThrows(IllegalStateException.class,
                () -> Torch.ones(3).sum().backward()).getMessage());
        // PyTorch checks requires_grad before the scalar rule, so a vector says the same
        assertEquals(message, assertThrows(IllegalStateException.class,
                () -> Torch.ones(3).backward()).getMessage());
    }

    @Test
    void noGradRecordsNothingAndRestoresTheMode() {
        Tensor x = leaf(1f, 2f);
        try (var scope = Torch.noGrad()) {
            assertFalse(Torch.isGradEnabled());
            Tensor y = x.mul(2f).tanh();
            assertNull(y.gradFn());
            assertFalse(y.requiresGrad());
            assertEquals("tensor([0.9640, 0.9993])", y.toString());
        }
        assertTrue(Torch.isGradEnabled());
        assertEquals("MulBackward0", x.mul(2f).gradFn().name());
    }

    @Test
    void nestedGradModeScopes() {
        Tensor x = leaf(1f);
        try (var outer = Torch.noGrad()) {
            try (var inner = Torch.enableGrad()) {
                assertTrue(Torch.isGradEnabled());
                assertEquals("ExpBackward0", x.exp().gradFn().name());
                try (var innermost = Torch.noGrad()) {
                    assertNull(x.exp().gradFn());
                }
                assertTrue(Torch.isGradEnabled());
            }
            assertFalse(Torch.isGradEnabled());
            assertNull(x.exp().gradFn());
        }
        assertTrue(Torch.isGradEnabled());
    }

    @Test
    void leafThatRequiresGradPrintsIt() {
        Tensor x = leaf(1f, 2f);
        assertTrue(x.isLeaf());
        assertNull(x.gradFn());
        assertEquals("tensor([1., 2.], requires_grad=True)", x.toString());
        assertEquals("tensor([1., 2.])", Torch.tensor(new float[]{1f, 2f}).toString());
    }

    @Test
    void detachSharesStorageAndHasNoGradFn() {
        Tensor y = leaf(1f, 2f).mul(3f);
        Tensor d = y.detach();
        assertNull(d.gradFn());
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertEquals("tensor([3., 6.])", d.toString());
        d.fill_(5f);
        assertArrayEquals(new float[]{5f, 5f}, y.toFloatArray(), "a write through the detached tensor shows");
    }

    @Test
    void inPlaceOnALeafThatRequiresGradThrows() {
        Tensor x = leaf(1f, 2f);
        String message = "a leaf Variable that requires grad is being used in an in-place operation.";
        assertEquals(message, assertThrows(IllegalStateException.class, () -> x.fill_(0f)).getMessage());
        assertEquals(message, assertThrows(IllegalStateException.class, x::zero_).getMessage());
        assertEquals(message, assertThrows(IllegalStateException.class,
                () -> x.addInPlace(Torch.ones(2))).getMessage());
        try (var scope = Torch.noGrad()) {
            x.fill_(7f);   // what optimizers do
        }
        assertArrayEquals(new float[]{7f, 7f}, x.toFloatArray());
    }

    @Test
    void iterationGoesOverTheFirstDimension() {
        Tensor x = Torch.arange(6).view(3, 2).requiresGrad(false);
        List<Tensor> rows = new ArrayList<>();
        for (Tensor row : x) {
            rows.add(row);
        }
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new int[]{2}, rows.get(i).shape().toArray());
            assertArrayEquals(new float[]{2 * i, 2 * i + 1}, rows.get(i).toFloatArray());
        }
        Tensor w = Torch.zeros(2, 3).requiresGrad(true);
        assertEquals("UnbindBackward0", w.iterator().next().gradFn().name());
        assertThrows(IllegalArgumentException.class, () -> Torch.scalar(1f).iterator());
    }

    @Test
    void longChainBackpropagatesWithoutStackOverflow() {
        Tensor x = leaf(0.5f);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.add(1e-4f).tanh();
        }
        y.sum().backward();
        float g = x.grad().item();
        assertTrue(g > 0f && g < 1f, "d tanh-chain / dx is in (0, 1): " + g);
    }

    @Test
    void shapePrintsAsTorchSize() {
        assertEquals("torch.Size([1, 4])", Torch.zeros(1, 4).shape().toString());
        assertEquals("torch.Size([])", Torch.scalar(1f).shape().toString());
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertEquals(3f, Torch.tensor(new float[]{3f}, 1, 1).item());
        Tensor t = Torch.ones(4);
        Exception e = assertThrows(RuntimeException.class, t::item);
        assertEquals("a Tensor with 4 elements cannot be converted to Scalar", e.getMessage());
    }

    @Test
    void gradOfALeafKeepsItsIdentityWhileAccumulating() {
        Tensor x = leaf(1f, 2f);
        x.sum().backward();
        Tensor first = x.grad();
        x.sum().backward();
        assertSame(first, x.grad(), "accumulated in place, as PyTorch's AccumulateGrad");
        assertArrayEquals(new float[]{2f, 2f}, first.toFloatArray());
    }

    @Test
    void inPlaceWriteToASavedTensorFailsTheBackward() {
        Tensor a = Torch.tensor(new float[]{1f, 2f, 3f}).requiresGrad(true);
        Tensor b = Torch.tensor(new float[]{4f, 5f, 6f});
        Tensor y = a.mul(b).sum();
        b.select(0, 1).fill_(0f);                         // a view: the storage's version moves
        assertEquals(1, b.version());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace "
                + "operation: [torch.FloatTensor [3]] is at version 1; expected version 0 instead.", e.getMessage());
    }

    @Test
    void versionIsSharedByViewsAndDetach() {
        Tensor t = Torch.zeros(2, 3);
        Tensor d = t.detach();
        t.transpose(0, 1).select(0, 2).fill_(1f);
        d.addInPlace(Torch.ones(2, 3));
        assertEquals(2, t.version());
        assertEquals(2, d.version());
        assertEquals(0, Torch.zeros(2, 3).version());
    }

    @Test
    void inPlaceOnATensorInsideAGraphIsRefused() {
        Tensor x = Torch.ones(2).requiresGrad(true);
        Tensor y = x.mul(2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.fill_(0f));
        assertEquals("in-place operations are not supported on a tensor that is part of a graph "
                + "(grad_fn=<MulBackward0>); use the out-of-place operation", e.getMessage());
        try (var g = Torch.noGrad()) {
            y.fill_(0f);                                  // outside grad mode it is a plain buffer write
        }
        assertEquals(0f, y.getFloat(0));
    }

    @Test
    void aGradientHandedToTwoLeavesIsEachOnesOwn() {
        // the product's backward makes (a + b)'s gradient afresh; AddBackward hands that one tensor to both leaves
        Tensor a = Torch.tensor(new float[]{1f, 2f, 3f, 4f}).reshape(2, 2).requiresGrad(true);
        Tensor b = Torch.tensor(new float[]{0f, 1f, 0f, 1f}).reshape(2, 2).requiresGrad(true);
        Tensor w = Torch.tensor(new float[]{1f, 2f, 3f, 5f}).reshape(2, 2);
        a.add(b).matmul(w).sum().backward();
        assertNotSame(a.grad(), b.grad());
        a.add(b).matmul(w).sum().backward();   // accumulates in place into each leaf's gradient
        float[] twiceRowSumsOfW = {6f, 16f, 6f, 16f};
        assertArrayEquals(twiceRowSumsOfW, a.grad().toFloatArray());
        assertArrayEquals(twiceRowSumsOfW, b.grad().toFloatArray());
    }

    @Test
    void gradientsArrivingAtOneTensorFromTwoProductsAreSummed() {
        Tensor w = Torch.tensor(new float[]{1f, -1f, 2f, 0.5f}).reshape(2, 2).requiresGrad(true);
        Tensor x1 = Torch.tensor(new float[]{1f, 2f, 3f, 4f}).reshape(2, 2).requiresGrad(true);
        Tensor x2 = Torch.tensor(new float[]{-1f, 0f, 2f, 1f}).reshape(2, 2);
        Tensor loss = x1.matmul(w).sum().add(x2.matmul(w).mul(3f).sum());
        loss.backward();
        // dW = x1ᵀ·1 + 3·x2ᵀ·1: column sums of x1 and x2 in each row of its column
        assertArrayEquals(new float[]{4f + 3f, 4f + 3f, 6f + 3f, 6f + 3f}, w.grad().toFloatArray());
        assertArrayEquals(new float[]{0f, 2.5f, 0f, 2.5f}, x1.grad().toFloatArray());
    }

    @Test
    void aLeafTakesTheGradientMadeForItAloneAndCopiesAnyOther() {
        Tensor[] made = new Tensor[2];
        for (boolean fresh : new boolean[]{true, false}) {
            Tensor x = leaf(1f, 2f);
            Tensor y = Op.record(x.detach().mul(3f), "MulBackward0", g -> {
                made[0] = g.mul(3f);
                return fresh ? Op.fresh(made[0]) : made[0];
            }, x);
            y.sum().backward();
            assertArrayEquals(new float[]{3f, 3f}, x.grad().toFloatArray());
            if (fresh) {
                assertSame(made[0], x.grad());
            } else {
                assertNotSame(made[0], x.grad());
            }
        }
    }

    /**
     * The backward pass keys hash maps by tensor and by node: equal values must stay distinct keys (equality is
     * identity) and a hash must not change. Two leaves fed by equal gradients each get their own.
     */
    @Test
    void tensorsAreKeysByIdentity() {
        Tensor a = Torch.zeros(2, 3), b = Torch.zeros(2, 3);
        assertNotEquals(a, b);
        assertEquals(a.hashCode(), a.hashCode());
        java.util.Set<Tensor> set = new java.util.HashSet<>(List.of(a, b));
        assertEquals(2, set.size());
        Tensor x = Torch.ones(3).requiresGrad(true), y = Torch.ones(3).requiresGrad(true);
        x.mul(2f).add(y.mul(2f)).sum().backward();
        assertArrayEquals(new float[]{2, 2, 2}, x.grad().toFloatArray());
        assertArrayEquals(new float[]{2, 2, 2}, y.grad().toFloatArray());
        assertNotSame(x.grad(), y.grad());
    }
}
