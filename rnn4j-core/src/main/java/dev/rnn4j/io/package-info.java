/**
 * PyTorch weight interchange: {@code torch.save} files (the zip archive of PyTorch 1.6 and later,
 * and the legacy stream before it) read as {@code torch.load(f, map_location="cpu",
 * weights_only=True)} reads them and written as {@code torch.save} writes them, safetensors files
 * both ways, and the helpers that put a loaded state dict into a module ({@link
 * dev.rnn4j.io.StateDicts}), inspect a file ({@link dev.rnn4j.io.Inspect}) or convert it ({@link
 * dev.rnn4j.io.Convert}). The entry points for users are {@link dev.rnn4j.Torch#load},
 * {@link dev.rnn4j.Torch#save} and {@link dev.rnn4j.io.SafeTensors}.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>Reading: every problem with a file's content is a {@link dev.rnn4j.io.FormatException}, a
 *       checked {@link java.io.IOException} with a one-line message naming it (truncation, a bad
 *       header, offsets that overlap, an unknown dtype, a storage shorter than its tensors, a zip
 *       bomb, an entry outside the archive root, nesting too deep). A pickle asking for something
 *       weights-only loading refuses (a global outside PyTorch's allow-list such as
 *       {@code os.system}, a pickled model class, an opcode outside the allowed set) is its subclass
 *       {@link dev.rnn4j.io.UnsafePickleException}; the refused thing is never looked up, called or
 *       instantiated. Failures of the file system itself are plain {@code IOException}s. No other
 *       exception and no {@code Error} escapes a reader, whatever the input (the fuzz test holds
 *       them to this), and memory and time stay proportional to the file's size: sizes a file
 *       claims are checked against the bytes it has before anything is allocated.</li>
 *   <li>Writing: a value that cannot be written is an {@link java.lang.IllegalArgumentException},
 *       thrown before the target file is touched. Files are written to a temporary file in the same
 *       directory, forced to disk and renamed over the target, so a reader never sees half a file.</li>
 * </ul>
 *
 * <h2>What rnn4j does not read</h2>
 * Complex, quantized, sparse, nested and meta tensors, float8 and unsigned 16/32/64-bit dtypes,
 * TorchScript archives ({@code torch.jit.save}) and the pre-0.4 tar format: each is refused with a
 * {@code FormatException} that says so. rnn4j computes in float32, so floating dtypes load as
 * float32 (float64 rounds to nearest) and integer dtypes as {@link dev.rnn4j.LongTensor}.
 */
package dev.rnn4j.io;
