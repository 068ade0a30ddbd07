package dev.rnn4j.io;

/**
 * A storage named by a pickle's persistent id: {@code key} names its data (a zip record
 * {@code data/KEY} or a legacy stream entry), {@code numel} its length in elements of
 * {@code dtype}. A legacy storage view is the part {@code [viewOffset, viewOffset + numel)} of
 * the storage {@code rootKey}; otherwise {@code rootKey} is {@code key} and the offset 0.
 */
record StorageRef(String key, String rootKey, long viewOffset, DType dtype, long numel, String location) {

    long nbytes() {
        return numel * dtype.size;
    }
}
