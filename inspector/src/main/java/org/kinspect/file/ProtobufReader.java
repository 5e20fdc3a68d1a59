package org.kinspect.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.kinspect.errors.KinspectException;

/**
 * Reads the protocol buffer wire format field by field, every length checked against the bytes
 * there are: the few messages of a TensorFlow SavedModel kinspect needs ({@code SavedMetadata},
 * {@code BundleEntryProto}, {@code TrackableObjectGraph}...) are read with it, no generated code.
 *
 * <pre>{@code
 * ProtobufReader reader = new ProtobufReader(bytes, "variables.index");
 * while (reader.next()) {
 *     switch (reader.field()) {
 *         case 1 -> dtype = (int) reader.varint();
 *         case 2 -> shape = reader.message();
 *         default -> reader.skip();
 *     }
 * }
 * }</pre>
 */
final class ProtobufReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final String what;
    private int position;
    private final int end;
    private int field;
    private int wireType;

    /**
     * @param bytes one encoded message
     * @param what what the message is, for messages ({@code model/variables/variables.index})
     */
    ProtobufReader(byte[] bytes, String what) {
        this(bytes, 0, bytes.length, what);
    }

    private ProtobufReader(byte[] bytes, int start, int end, String what) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        this.what = what;
    }

    /** @return true when another field follows, whose number and type are then {@link #field()} and {@link #wireType()} */
    boolean next() {
        if (position >= end) {
            return false;
        }
        long key = rawVarint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0 || key >>> 3 > Integer.MAX_VALUE) {
            throw damaged("field number " + (key >>> 3));
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    /** @return the field's value as an unsigned varint (int32, int64, enum, bool) */
    long varint() {
        expect(VARINT);
        return rawVarint();
    }

    private long rawVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw damaged("a number runs past the end");
            }
            byte b = bytes[position++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw damaged("a number longer than 10 bytes");
    }

    /** @return the field's value as a varint that must fit an int (a count, an id), never negative */
    int nonNegativeInt() {
        long value = varint();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw damaged("field " + field + " holds " + value + ", not a count");
        }
        return (int) value;
    }

    /** @return a fixed32 field's value */
    int fixed32() {
        expect(FIXED32);
        require(4);
        int value = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8 | (bytes[position + 2] & 0xff) << 16
                | (bytes[position + 3] & 0xff) << 24;
        position += 4;
        return value;
    }

    /** @return a length-delimited field's bytes */
    byte[] bytes() {
        int length = length();
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    /** @return a length-delimited field as UTF-8 text */
    String string() {
        int length = length();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** @return a reader of the embedded message this length-delimited field holds */
    ProtobufReader message() {
        int length = length();
        ProtobufReader inner = new ProtobufReader(bytes, position, position + length, what);
        position += length;
        return inner;
    }

    /** Passes over the current field, whatever its type. */
    void skip() {
        switch (wireType) {
            case VARINT -> rawVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw damaged("wire type " + wireType + " of field " + field);
        }
    }

    /** @return a {@link KinspectException} saying the message is damaged, and why */
    KinspectException damaged(String why) {
        return KinspectException.modelFile(what + ": damaged (" + why + "); the SavedModel is damaged or not one");
    }

    private int length() {
        expect(LENGTH_DELIMITED);
        long length = rawVarint();
        if (length < 0 || length > end - position) {
            throw damaged("field " + field + " declares " + length + " bytes, " + (end - position) + " remain");
        }
        return (int) length;
    }

    private void advance(int count) {
        require(count);
        position += count;
    }

    private void require(int count) {
        if (end - position < count) {
            throw damaged("field " + field + " runs past the end");
        }
    }

    private void expect(int type) {
        if (wireType != type) {
            throw damaged("field " + field + " has wire type " + wireType + ", expected " + type);
        }
    }
}
