package dev.rnn4j.io;

/**
 * The element types rnn4j reads and writes, with their names in PyTorch (dtype and legacy
 * storage class) and in safetensors. Floating types load as float32 tensors, integer and
 * bool types as {@link dev.rnn4j.LongTensor}.
 */
enum DType {
    FLOAT64("torch.float64", "DoubleStorage", "F64", 8, true),
    FLOAT32("torch.float32", "FloatStorage", "F32", 4, true),
    FLOAT16("torch.float16", "HalfStorage", "F16", 2, true),
    BFLOAT16("torch.bfloat16", "BFloat16Storage", "BF16", 2, true),
    INT64("torch.int64", "LongStorage", "I64", 8, false),
    INT32("torch.int32", "IntStorage", "I32", 4, false),
    INT16("torch.int16", "ShortStorage", "I16", 2, false),
    INT8("torch.int8", "CharStorage", "I8", 1, false),
    UINT8("torch.uint8", "ByteStorage", "U8", 1, false),
    BOOL("torch.bool", "BoolStorage", "BOOL", 1, false);

    final String torchName;
    final String storageClass;
    final String safetensorsName;
    final int size;
    final boolean floating;

    DType(String torchName, String storageClass, String safetensorsName, int size, boolean floating) {
        this.torchName = torchName;
        this.storageClass = storageClass;
        this.safetensorsName = safetensorsName;
        this.size = size;
        this.floating = floating;
    }

    /** The dtype of a legacy storage class name such as {@code FloatStorage}, or null. */
    static DType ofStorageClass(String name) {
        for (DType t : values()) {
            if (t.storageClass.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The dtype of a torch name such as {@code torch.float32}, or null. */
    static DType ofTorchName(String name) {
        for (DType t : values()) {
            if (t.torchName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The dtype of a safetensors name such as {@code F32}, or null. */
    static DType ofSafetensorsName(String name) {
        for (DType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The short name PyTorch prints, without "torch.": float32, int64. */
    String shortName() {
        return torchName.substring("torch.".length());
    }
}
