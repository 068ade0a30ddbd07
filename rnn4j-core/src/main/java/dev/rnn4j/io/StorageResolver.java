package dev.rnn4j.io;

import java.nio.ByteOrder;

/** Where a checkpoint keeps its storages' bytes: zip records or the legacy stream after the pickle. */
interface StorageResolver {

    /** The bytes of the root storage {@code s.rootKey()}, at least as long as that storage. */
    ByteSource bytes(StorageRef s) throws FormatException;

    /** The byte order of the data (the file's byteorder record; little-endian when absent). */
    ByteOrder order();
}
