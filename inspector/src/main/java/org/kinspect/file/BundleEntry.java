package org.kinspect.file;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.errors.KinspectException;

/**
 * One tensor of a TensorFlow checkpoint, as {@code variables.index} describes it (a
 * {@code BundleEntryProto}): its type, shape, and where its bytes are.
 *
 * @param dataTypeNumber the {@code types.proto} number of its type (1 = float32)
 * @param shape its dimensions, none negative
 * @param shard the data shard holding it
 * @param offset where its bytes start in the shard
 * @param size how many bytes it has there
 * @param maskedCrc32c the masked CRC-32C of those bytes
 */
record BundleEntry(long dataTypeNumber, long[] shape, int shard, long offset, long size, int maskedCrc32c) {

    /**
     * @param value the entry's encoded {@code BundleEntryProto}
     * @param what the key and file, for messages
     * @return the entry
     * @throws KinspectException when it is damaged, sliced (partitioned variables), or has a negative dimension
     */
    static BundleEntry parse(byte[] value, String what) {
        ProtobufReader reader = new ProtobufReader(value, what);
        long dataType = 0;
        List<Long> shape = new ArrayList<>();
        int shard = 0;
        long offset = 0;
        long size = 0;
        int crc = 0;
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> dataType = reader.varint();
                case 2 -> readShape(reader.message(), shape, reader);
                case 3 -> shard = reader.nonNegativeInt();
                case 4 -> offset = reader.varint();
                case 5 -> size = reader.varint();
                case 6 -> crc = reader.fixed32();
                case 7 -> throw KinspectException.unsupported(what + ": a partitioned (sliced) variable, "
                        + "which kinspect does not read; save the model without variable partitioning");
                default -> reader.skip();
            }
        }
        if (offset < 0 || size < 0) {
            throw reader.damaged("a negative offset or size");
        }
        return new BundleEntry(dataType, shape.stream().mapToLong(Long::longValue).toArray(), shard, offset, size, crc);
    }

    /** @return how many values the shape holds; fails when the product overflows */
    long elementCount(String what) {
        long count = 1;
        for (long dimension : shape) {
            try {
                count = Math.multiplyExact(count, dimension);
            } catch (ArithmeticException e) {
                throw KinspectException.modelFile(what + ": declares a shape of more values than any file holds; "
                        + "the SavedModel is damaged");
            }
        }
        return count;
    }

    private static void readShape(ProtobufReader shapeReader, List<Long> shape, ProtobufReader outer) {
        while (shapeReader.next()) {
            if (shapeReader.field() == 2) {
                ProtobufReader dimension = shapeReader.message();
                long size = 0;
                while (dimension.next()) {
                    if (dimension.field() == 1) {
                        size = dimension.varint();
                    } else {
                        dimension.skip();
                    }
                }
                if (size < 0) {
                    throw outer.damaged("a dimension of unknown or negative size " + size);
                }
                shape.add(size);
            } else if (shapeReader.field() == 3 && shapeReader.wireType() == ProtobufReader.VARINT) {
                if (shapeReader.varint() != 0) {
                    throw outer.damaged("a tensor of unknown rank");
                }
            } else {
                shapeReader.skip();
            }
        }
    }
}
