package org.kinspect.file;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The TensorFlow data types ({@code types.proto} numbers) a checkpoint may hold weights in, with
 * their width and how one value becomes a float, as kinspect keeps every weight.
 *
 * <pre>{@code
 * TensorDataType.of(1).orElseThrow();   // FLOAT, 4 bytes
 * }</pre>
 */
enum TensorDataType {
    FLOAT(1, 4),
    DOUBLE(2, 8),
    INT32(3, 4),
    UINT8(4, 1),
    INT16(5, 2),
    INT8(6, 1),
    STRING(7, 0),
    INT64(9, 8),
    BOOL(10, 1),
    BFLOAT16(14, 2),
    UINT16(17, 2),
    HALF(19, 2),
    UINT32(22, 4),
    UINT64(23, 8);

    private final int number;
    private final int width;

    TensorDataType(int number, int width) {
        this.number = number;
        this.width = width;
    }

    /** @return the type with this {@code types.proto} number, or empty for one kinspect does not read */
    static Optional<TensorDataType> of(long number) {
        return Arrays.stream(values()).filter(type -> type.number == number).findFirst();
    }

    /** @return its {@code types.proto} number */
    int number() {
        return number;
    }

    /** @return bytes per value; 0 for strings, whose values have their own lengths */
    int width() {
        return width;
    }

    /** @return the value at the buffer's position, as a float; the buffer's order is the checkpoint's */
    float next(ByteBuffer buffer) {
        return switch (this) {
            case FLOAT -> buffer.getFloat();
            case DOUBLE -> (float) buffer.getDouble();
            case INT32 -> buffer.getInt();
            case UINT8 -> buffer.get() & 0xff;
            case INT16 -> buffer.getShort();
            case INT8 -> buffer.get();
            case INT64 -> buffer.getLong();
            case BOOL -> buffer.get() != 0 ? 1f : 0f;
            case BFLOAT16 -> Float.intBitsToFloat((buffer.getShort() & 0xffff) << 16);
            case UINT16 -> buffer.getShort() & 0xffff;
            case HALF -> halfToFloat(buffer.getShort());
            case UINT32 -> buffer.getInt() & 0xffffffffL;
            case UINT64 -> unsigned(buffer.getLong());
            case STRING -> throw new IllegalStateException("strings are not numbers");
        };
    }

    /** IEEE 754 binary16 (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // subnormal (or zero)
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    private static float unsigned(long value) {
        return value >= 0 ? value : (float) ((value >>> 1) * 2.0 + (value & 1));
    }
}
