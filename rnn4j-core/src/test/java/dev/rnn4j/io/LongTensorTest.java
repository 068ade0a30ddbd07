package dev.rnn4j.io;

import dev.rnn4j.LongTensor;
import dev.rnn4j.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The int64 tensor that integer data loads as: values, equality, PyTorch's printed form. */
class LongTensorTest {

    @Test
    void printsAsPyTorchPrintsInt64() {
        assertEquals("tensor([1, 2, 3])", Torch.tensor(new long[]{1, 2, 3}).toString());
        assertEquals("tensor([[   -1,     0],\n        [12345,     7]])",
                Torch.tensor(new long[]{-1, 0, 12345, 7}, 2, 2).toString());
        assertEquals("tensor(5)", LongTensor.scalar(5).toString());
        assertEquals("tensor([], size=(0, 3), dtype=torch.int64)", LongTensor.of(new long[0], new int[]{0, 3}).toString());
    }

    @Test
    void valuesAndEquality() {
        long[] data = {1, 2, 3, 4, 5, 6};
        LongTensor t = Torch.tensor(data, 2, 3);
        data[0] = 99;   // a copy was taken
        assertEquals(1, t.getLong(0, 0));
        assertEquals(6, t.getLong(-1, -1));
        assertArrayEquals(new long[]{1, 2, 3, 4, 5, 6}, t.toLongArray());
        assertEquals(Torch.tensor(new long[]{1, 2, 3, 4, 5, 6}, 2, 3), t);
        assertEquals(Torch.tensor(new long[]{1, 2, 3, 4, 5, 6}, 2, 3).hashCode(), t.hashCode());
        assertNotEquals(Torch.tensor(new long[]{1, 2, 3, 4, 5, 6}, 3, 2), t);
        assertEquals("torch.Size([2, 3])", t.shape().toString());
        assertEquals(6, t.numel());
        assertEquals(2, t.dim());
        assertEquals(7, LongTensor.scalar(7).item());
        assertThrows(IllegalArgumentException.class, () -> Torch.tensor(new long[]{1, 2}, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> t.getLong(2, 0));
    }
}
