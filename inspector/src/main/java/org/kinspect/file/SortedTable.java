package org.kinspect.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Reads a LevelDB-format sorted table, the format of a TensorFlow checkpoint's
 * {@code variables.index}: a 48-byte footer (block handles of the meta-index and index blocks,
 * then the magic number), an index block whose values are the handles of the data blocks, and
 * data blocks of prefix-compressed keys with restart points. Every block is followed by its
 * compression type and a masked CRC-32C, both checked; every handle, length and restart point
 * is checked against the bytes there are, and the keys must be in order.
 *
 * <pre>{@code
 * Map<String, byte[]> entries = SortedTable.read(Files.readAllBytes(index), "variables/variables.index");
 * }</pre>
 */
final class SortedTable {
    static final int FOOTER_BYTES = 48;
    static final long MAGIC = 0xdb4775248b80fb57L;
    /** Block type byte, then the masked CRC-32C. */
    static final int TRAILER_BYTES = 5;
    private static final int NO_COMPRESSION = 0;

    private final byte[] table;
    private final String what;

    private SortedTable(byte[] table, String what) {
        this.table = table;
        this.what = what;
    }

    /**
     * @param table the whole table file
     * @param what the file, for messages
     * @return every entry, key (UTF-8) to value, in key order
     * @throws KinspectException when the table is damaged, compressed, or its keys are out of order
     */
    static Map<String, byte[]> read(byte[] table, String what) {
        return new SortedTable(table, what).entries();
    }

    private Map<String, byte[]> entries() {
        if (table.length < FOOTER_BYTES) {
            throw damaged("it has " + table.length + " bytes, fewer than a table's footer");
        }
        int footer = table.length - FOOTER_BYTES;
        if (littleEndianLong(footer + FOOTER_BYTES - 8) != MAGIC) {
            throw damaged("its footer does not end in the table magic number");
        }
        Cursor cursor = new Cursor(footer, table.length - 8);
        long[] metaIndex = cursor.handle();
        long[] index = cursor.handle();
        block(metaIndex); // filters, which a checkpoint does not use; checked all the same
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[][] previous = {null};
        for (Map.Entry<byte[], byte[]> blockEntry : block(index).entrySet()) {
            Cursor handle = new Cursor(blockEntry.getValue());
            long[] dataBlock = handle.handle();
            for (Map.Entry<byte[], byte[]> entry : block(dataBlock).entrySet()) {
                byte[] key = entry.getKey();
                if (previous[0] != null && Arrays.compareUnsigned(previous[0], key) >= 0) {
                    throw damaged("its keys are not in order");
                }
                previous[0] = key;
                entries.put(new String(key, StandardCharsets.UTF_8), entry.getValue());
            }
        }
        return entries;
    }

    /** The entries of the block at {@code handle} (offset, size), after checking its trailer. */
    private Map<byte[], byte[]> block(long[] handle) {
        long offset = handle[0];
        long size = handle[1];
        if (offset < 0 || size < 4 || offset > table.length || size > table.length
                || offset + size + TRAILER_BYTES > table.length - FOOTER_BYTES) {
            throw damaged("a block handle (offset " + offset + ", " + size + " bytes) points outside the table");
        }
        int start = (int) offset;
        int length = (int) size;
        int type = table[start + length] & 0xff;
        int stored = (int) littleEndianUnsigned(start + length + 1, 4);
        if (MaskedCrc32c.mask(MaskedCrc32c.of(table, start, length + 1)) != stored) {
            throw damaged("a block's checksum does not match its bytes");
        }
        if (type != NO_COMPRESSION) {
            throw KinspectException.modelFile(what + ": a block is compressed (type " + type
                    + "); TensorFlow writes checkpoint indexes uncompressed, so the file is damaged or not a checkpoint");
        }
        long restarts = littleEndianUnsigned(start + length - 4, 4);
        if (restarts < 1 || restarts > (length - 4) / 4) {
            throw damaged("a block declares " + restarts + " restart points");
        }
        int entriesEnd = start + length - 4 - (int) restarts * 4;
        for (int i = 0; i < restarts; i++) {
            long restart = littleEndianUnsigned(entriesEnd + 4 * i, 4);
            if (restart >= Math.max(1, entriesEnd - start) && !(restart == 0 && entriesEnd == start)) {
                throw damaged("a block's restart point " + restart + " is outside its entries");
            }
        }
        Map<byte[], byte[]> entries = new LinkedHashMap<>();
        Cursor cursor = new Cursor(start, entriesEnd);
        byte[] key = new byte[0];
        while (cursor.position < entriesEnd) {
            int shared = cursor.length();
            int unshared = cursor.length();
            int valueLength = cursor.length();
            if (shared > key.length) {
                throw damaged("a key shares " + shared + " bytes with a previous key of " + key.length);
            }
            byte[] next = Arrays.copyOf(key, shared + unshared);
            System.arraycopy(cursor.take(unshared), 0, next, shared, unshared);
            key = next;
            entries.put(key, cursor.take(valueLength));
        }
        return entries;
    }

    private long littleEndianLong(int at) {
        return littleEndianUnsigned(at, 4) | littleEndianUnsigned(at + 4, 4) << 32;
    }

    private long littleEndianUnsigned(int at, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | (table[at + i] & 0xff);
        }
        return value;
    }

    private KinspectException damaged(String why) {
        return KinspectException.modelFile(what + ": the checkpoint index is damaged (" + why + ")");
    }

    /** Reads varints and byte runs between two positions of the table, or of a value. */
    private final class Cursor {
        private final byte[] bytes;
        private int position;
        private final int end;

        Cursor(int start, int end) {
            this(table, start, end);
        }

        Cursor(byte[] value) {
            this(value, 0, value.length);
        }

        private Cursor(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        long[] handle() {
            return new long[] {varint(), varint()};
        }

        int length() {
            long value = varint();
            if (value > end - position) {
                throw damaged("a length of " + value + " runs past the end of its block");
            }
            return (int) value;
        }

        byte[] take(int count) {
            if (count > end - position) {
                throw damaged("an entry runs past the end of its block");
            }
            byte[] taken = Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return taken;
        }

        private long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw damaged("a number runs past the end of its block");
                }
                byte b = bytes[position++];
                result |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    if (result < 0) {
                        throw damaged("a number is out of range");
                    }
                    return result;
                }
            }
            throw damaged("a number is longer than 10 bytes");
        }
    }
}
