package dev.rnn4j.io;

/**
 * A {@code torch.save} file after unpickling and before its tensors are read: the Python
 * object, where the storages' bytes are, and a one-line description of the container (for
 * {@link Inspect}).
 */
record Checkpoint(Object root, StorageResolver storages, String format, long fileSize) {

    /** The object as plain Java values, reading the storages the tensors use. */
    Object toJava() throws FormatException {
        // integer tensors are copied: together at most two elements per byte of the file (16 bytes of heap)
        return new Materializer(storages, 2 * fileSize + (1 << 20)).convert(root);
    }
}
