package org.kinspect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A TensorFlow checkpoint ("tensor bundle"): {@code PREFIX.index}, a {@link SortedTable} of
 * {@link BundleEntry} values whose empty key is the header (shard count, byte order), and the
 * data shards {@code PREFIX.data-NNNNN-of-MMMMM}. Every tensor read is checked: its shard exists
 * inside the directory, its bytes lie inside the shard, their count matches type and shape, and
 * their CRC-32C matches the index.
 *
 * <pre>{@code
 * TensorBundle bundle = TensorBundle.open(SavedModelFiles.of(directory, "my_model"), "variables/variables");
 * INDArray kernel = bundle.floats("layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE");
 * }</pre>
 */
final class TensorBundle {
    /** No checkpoint index of a Keras model comes near this; a larger one is refused unread. */
    static final long MAX_INDEX_BYTES = 256L << 20;
    /** One tensor is read into one Java array. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 64;
    private static final int LITTLE_ENDIAN = 0;
    private static final int BIG_ENDIAN = 1;

    private final SavedModelFiles files;
    private final String prefix;
    private final Map<String, byte[]> entries;
    private final int shardCount;
    private final ByteOrder order;
    private final long[] shardSizes;

    private TensorBundle(SavedModelFiles files, String prefix, Map<String, byte[]> entries, int shardCount,
            ByteOrder order) {
        this.files = files;
        this.prefix = prefix;
        this.entries = entries;
        this.shardCount = shardCount;
        this.order = order;
        this.shardSizes = new long[shardCount];
        for (int shard = 0; shard < shardCount; shard++) {
            shardSizes[shard] = files.size(shardName(shard));
        }
    }

    /**
     * @param files the SavedModel directory
     * @param prefix the checkpoint's path prefix inside it, {@code variables/variables}
     * @return the bundle, its index read and its header and shards checked
     * @throws KinspectException when the index is missing or damaged, or a shard is missing
     */
    static TensorBundle open(SavedModelFiles files, String prefix) {
        String indexName = prefix + ".index";
        byte[] index = files.read(indexName, MAX_INDEX_BYTES);
        Map<String, byte[]> entries = SortedTable.read(index, files.describe(indexName));
        byte[] header = entries.get("");
        if (header == null) {
            throw KinspectException.modelFile(files.describe(indexName) + ": the checkpoint index has no header entry; "
                    + "it is damaged or not a TensorFlow checkpoint");
        }
        ProtobufReader reader = new ProtobufReader(header, files.describe(indexName) + " (header)");
        int shardCount = 1;
        long endianness = LITTLE_ENDIAN;
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> shardCount = reader.nonNegativeInt();
                case 2 -> endianness = reader.varint();
                default -> reader.skip();
            }
        }
        if (shardCount < 1 || shardCount > 99_999) {
            throw reader.damaged(shardCount + " data shards");
        }
        if (endianness != LITTLE_ENDIAN && endianness != BIG_ENDIAN) {
            throw reader.damaged("byte order " + endianness);
        }
        return new TensorBundle(files, prefix, entries, shardCount,
                endianness == BIG_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** @return every checkpoint key but the header's */
    Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(entries.keySet());
        keys.remove("");
        return keys;
    }

    /** @return the byte order the checkpoint's numbers are written in */
    ByteOrder order() {
        return order;
    }

    /**
     * @param key a checkpoint key
     * @return its tensor as float32 in its own shape, whatever number type it is stored in
     * @throws KinspectException when the key is missing, the tensor holds no numbers, or its bytes
     *     are not what the index says
     */
    INDArray floats(String key) {
        BundleEntry entry = entry(key);
        String what = describe(key);
        TensorDataType type = TensorDataType.of(entry.dataTypeNumber())
                .filter(known -> known != TensorDataType.STRING)
                .orElseThrow(() -> KinspectException.unsupported(what + ": a tensor of TensorFlow data type "
                        + entry.dataTypeNumber() + ", not numbers kinspect reads"));
        long count = entry.elementCount(what);
        if (count > (MAX_TENSOR_BYTES / type.width()) || count * type.width() != entry.size()) {
            throw KinspectException.modelFile(what + ": its shape " + Arrays.toString(entry.shape()) + " of "
                    + type.name().toLowerCase(Locale.ROOT) + " needs " + (count > MAX_TENSOR_BYTES ? "more than "
                    + MAX_TENSOR_BYTES : count * type.width()) + " bytes, the index gives it " + entry.size()
                    + "; the SavedModel is damaged");
        }
        byte[] raw = bytesOf(entry, what);
        if (MaskedCrc32c.mask(MaskedCrc32c.of(raw, 0, raw.length)) != entry.maskedCrc32c()) {
            throw KinspectException.modelFile(what + ": its bytes do not match their checksum; the SavedModel is damaged");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(order);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = type.next(bytes);
        }
        return Nd4j.create(values, entry.shape(), 'c').castTo(DataType.FLOAT);
    }

    /**
     * @param key a checkpoint key of a string tensor (the object graph is one)
     * @return its strings, in order
     * @throws KinspectException when the key is missing, is not a string tensor, or its bytes are damaged
     */
    List<byte[]> strings(String key) {
        BundleEntry entry = entry(key);
        String what = describe(key);
        if (entry.dataTypeNumber() != TensorDataType.STRING.number()) {
            throw KinspectException.modelFile(what + ": not a string tensor; the SavedModel is damaged");
        }
        long count = entry.elementCount(what);
        if (count > entry.size()) {
            throw KinspectException.modelFile(what + ": " + count + " strings cannot fit in " + entry.size()
                    + " bytes; the SavedModel is damaged");
        }
        byte[] bytes = bytesOf(entry, what);
        // varint lengths, a masked CRC-32C of the lengths as uint32 values, then the strings
        CRC32C lengthsCrc = new CRC32C();
        long[] lengths = new long[(int) count];
        int position = 0;
        ByteBuffer uint32 = ByteBuffer.allocate(4).order(order);
        for (int i = 0; i < count; i++) {
            long length = 0;
            for (int shift = 0; ; shift += 7) {
                if (position >= bytes.length || shift >= 64) {
                    throw KinspectException.modelFile(what + ": its string lengths are damaged");
                }
                byte b = bytes[position++];
                length |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            if (length < 0 || length > bytes.length) {
                throw KinspectException.modelFile(what + ": a string of " + length + " bytes in a tensor of "
                        + bytes.length + "; the SavedModel is damaged");
            }
            lengths[i] = length;
            lengthsCrc.update(uint32.clear().putInt((int) length).array(), 0, 4);
        }
        if (bytes.length - position < 4) {
            throw KinspectException.modelFile(what + ": its string lengths' checksum is missing; the SavedModel is damaged");
        }
        int storedLengthsCrc = ByteBuffer.wrap(bytes, position, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (storedLengthsCrc != MaskedCrc32c.mask((int) lengthsCrc.getValue())) {
            throw KinspectException.modelFile(what + ": its string lengths do not match their checksum; "
                    + "the SavedModel is damaged");
        }
        // The entry's checksum covers the lengths as uint32 values, their checksum, then the strings.
        CRC32C entryCrc = new CRC32C();
        for (long length : lengths) {
            entryCrc.update(uint32.clear().putInt((int) length).array(), 0, 4);
        }
        entryCrc.update(bytes, position, 4);
        position += 4;
        entryCrc.update(bytes, position, bytes.length - position);
        if (MaskedCrc32c.mask((int) entryCrc.getValue()) != entry.maskedCrc32c()) {
            throw KinspectException.modelFile(what + ": its bytes do not match their checksum; the SavedModel is damaged");
        }
        List<byte[]> strings = new ArrayList<>();
        for (long length : lengths) {
            if (length > bytes.length - position) {
                throw KinspectException.modelFile(what + ": its strings run past its bytes; the SavedModel is damaged");
            }
            strings.add(Arrays.copyOfRange(bytes, position, position + (int) length));
            position += (int) length;
        }
        if (position != bytes.length) {
            throw KinspectException.modelFile(what + ": " + (bytes.length - position)
                    + " bytes after its strings; the SavedModel is damaged");
        }
        return strings;
    }

    /** @return true when the checkpoint has this key */
    boolean has(String key) {
        return !key.isEmpty() && entries.containsKey(key);
    }

    private BundleEntry entry(String key) {
        byte[] value = entries.get(key);
        if (value == null || key.isEmpty()) {
            throw KinspectException.modelFile(files.describe(prefix + ".index") + ": no tensor '" + key
                    + "' in the checkpoint; the SavedModel is damaged");
        }
        return BundleEntry.parse(value, describe(key));
    }

    /** The entry's bytes, read from its shard after checking they lie inside it. */
    private byte[] bytesOf(BundleEntry entry, String what) {
        if (entry.shard() >= shardCount) {
            throw KinspectException.modelFile(what + ": in data shard " + entry.shard() + " of " + shardCount
                    + "; the SavedModel is damaged");
        }
        long shardSize = shardSizes[entry.shard()];
        if (entry.offset() > shardSize || entry.size() > shardSize - entry.offset()) {
            throw KinspectException.modelFile(what + ": its bytes (" + entry.size() + " from offset " + entry.offset()
                    + ") lie outside " + shardName(entry.shard()) + " (" + shardSize
                    + " bytes); the SavedModel is damaged or truncated");
        }
        if (entry.size() > MAX_TENSOR_BYTES) {
            throw KinspectException.unsupported(what + ": a tensor of " + entry.size()
                    + " bytes, more than kinspect reads into one array");
        }
        byte[] bytes = new byte[(int) entry.size()];
        Path shard = files.resolve(shardName(entry.shard()));
        try (FileChannel channel = FileChannel.open(shard, StandardOpenOption.READ)) {
            ByteBuffer target = ByteBuffer.wrap(bytes);
            long position = entry.offset();
            while (target.hasRemaining()) {
                int read = channel.read(target, position);
                if (read < 0) {
                    throw KinspectException.modelFile(what + ": " + shardName(entry.shard())
                            + " ends before its bytes; the SavedModel is truncated");
                }
                position += read;
            }
        } catch (IOException e) {
            throw KinspectException.modelFile(files.describe(shardName(entry.shard())) + ": cannot read it ("
                    + e.getMessage() + ")", e);
        }
        return bytes;
    }

    private String shardName(int shard) {
        return String.format(Locale.ROOT, "%s.data-%05d-of-%05d", prefix, shard, shardCount);
    }

    private String describe(String key) {
        return files.describe(prefix + ".index") + ", tensor '" + key + "'";
    }
}
