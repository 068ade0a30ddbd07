package dev.rnn4j.io;

/**
 * A pickle that asks for something PyTorch's {@code weights_only=True} unpickler refuses: a
 * global outside its allow-list ({@code os.system}, {@code builtins.eval}, a model class), an
 * opcode outside its set, a call or instantiation of anything but the allowed rebuild
 * functions and types. The refused thing is named in the message; it is never looked up,
 * called or instantiated.
 */
public final class UnsafePickleException extends FormatException {

    public UnsafePickleException(String message) {
        super(message);
    }
}
