package example;

import dev.rnn4j.Tensor;
import dev.rnn4j.Torch;
import dev.rnn4j.nn.LSTM;

/** An LSTM over a random batch, one backward pass: what a first rnn4j program looks like. */
public final class Hello {
    public static void main(String[] args) {
        Torch.manualSeed(0);
        LSTM lstm = LSTM.builder(4, 8).numLayers(2).build();
        Tensor x = Torch.randn(5, 3, 4);                      // (seq, batch, features)
        LSTM.Output out = lstm.forward(x);
        out.output().sum().backward();
        System.out.println("output " + out.output().shape() + ", h_n " + out.hidden().shape());
        System.out.println(out.hidden().get(1));
    }
}
