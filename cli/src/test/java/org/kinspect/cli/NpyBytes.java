package org.kinspect.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes {@code .npy} files byte by byte, in any dtype, byte order and memory order numpy writes
 * (and some it would never read back): the inputs a user may bring, valid or not.
 *
 * <pre>{@code
 * byte[] file = NpyBytes.of("<i2", false, new long[] {2, 3}, values); // int16, C order
 * }</pre>
 */
final class NpyBytes {

    private NpyBytes() {}

    /**
     * @param descr numpy's dtype string: {@code <f4}, {@code >f8}, {@code <f2}, {@code |i1}, {@code |b1}...
     * @param fortranOrder whether the values are written column-major
     * @param shape the array's shape
     * @param values the values in C (row-major) order; converted to the dtype (integers and bools exactly)
     * @return the file's bytes
     */
    static byte[] of(String descr, boolean fortranOrder, long[] shape, double[] values) {
        double[] ordered = fortranOrder ? toFortranOrder(values, shape) : values;
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String type = descr.substring(1);
        int width = Integer.parseInt(type.substring(1));
        ByteBuffer data = ByteBuffer.allocate(width * ordered.length).order(order);
        for (double value : ordered) {
            switch (type) {
                case "f2" -> data.putShort(halfBits((float) value));
                case "f4" -> data.putFloat((float) value);
                case "f8" -> data.putDouble(value);
                case "i1" -> data.put((byte) value);
                case "u1" -> data.put((byte) (int) value);
                case "i2" -> data.putShort((short) value);
                case "i4" -> data.putInt((int) value);
                case "i8" -> data.putLong((long) value);
                case "b1" -> data.put((byte) (value != 0 ? 1 : 0));
                default -> throw new IllegalArgumentException(descr);
            }
        }
        return withHeader("{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shapeText(shape) + ", }", data.array());
    }

    /** @return a file with the given header dictionary and data, padded as numpy pads it */
    static byte[] withHeader(String dictionary, byte[] data) {
        int unpadded = 10 + dictionary.length() + 1;
        String header = dictionary + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static String shapeText(long[] shape) {
        String joined = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + joined + (shape.length == 1 ? ",)" : ")");
    }

    private static double[] toFortranOrder(double[] values, long[] shape) {
        double[] out = new double[values.length];
        int[] index = new int[shape.length];
        for (int c = 0; c < values.length; c++) {
            int f = 0;
            int stride = 1;
            for (int axis = 0; axis < shape.length; axis++) {
                f += index[axis] * stride;
                stride *= (int) shape[axis];
            }
            out[f] = values[c];
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                if (++index[axis] < shape[axis]) {
                    break;
                }
                index[axis] = 0;
            }
        }
        return out;
    }

    /** IEEE half precision of a float that has one (small integers and halves are exact). */
    private static short halfBits(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        if (value == 0) {
            return (short) sign;
        }
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = (bits >>> 13) & 0x3ff;
        return (short) (sign | (exponent << 10) | mantissa);
    }
}
