package org.kinspect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;

/**
 * Where the bytes of an entry a zip stores uncompressed lie in the zip, so that a reader that needs
 * random access (jhdf, for a {@code .keras} zip's {@code model.weights.h5}) reads them in place
 * instead of a copy. Found as {@link java.util.zip.ZipFile} finds them: the entry's record in the
 * central directory gives its local header, whose name and extra field the data follow; a zip
 * with bytes before it (a self-extracting stub) is allowed for the same way.
 *
 * <p>Only the one entry asked for is looked up, after {@code ZipFile} has read and checked the whole
 * directory. Anything unexpected (another layout than {@code ZipFile}'s, data beyond the directory)
 * or rare (a ZIP64 zip: over 4 GB or 65,535 entries) gives nothing: the caller then copies the
 * entry as before.
 *
 * <pre>{@code
 * Optional<StoredZipEntry.Region> region = StoredZipEntry.locate(channel, zip.getEntry("model.weights.h5"));
 * region.get().start();   // the entry's first byte in the zip
 * }</pre>
 */
final class StoredZipEntry {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int CENTRAL_LENGTH = 46;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int LOCAL_LENGTH = 30;
    private static final long MASK32 = 0xFFFFFFFFL;
    /** The central directory of a {@code .keras} zip is a few hundred bytes; a larger one is read no further. */
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;

    private StoredZipEntry() {}

    /**
     * An entry's bytes in its zip.
     *
     * @param start where its first byte is, from the start of the zip file
     * @param size how many bytes it has (stored: as many as it expands to)
     */
    record Region(long start, long size) {}

    /**
     * @param zip the zip, open for reading
     * @param entry the entry, as {@link java.util.zip.ZipFile} read it from the same file
     * @return where its bytes are, when it is stored uncompressed and found where {@code ZipFile}
     *     would read it; empty otherwise (compressed, or a layout read the ordinary way)
     * @throws IOException when the zip cannot be read
     */
    static Optional<Region> locate(FileChannel zip, ZipEntry entry) throws IOException {
        if (entry.getMethod() != ZipEntry.STORED || entry.getSize() < 0 || entry.getSize() != entry.getCompressedSize()) {
            return Optional.empty();
        }
        long zipSize = zip.size();
        int tailLength = (int) Math.min(zipSize, END_LENGTH + 0xFFFF);
        ByteBuffer tail = read(zip, zipSize - tailLength, tailLength);
        int end = -1;
        for (int at = tailLength - END_LENGTH; at >= 0; at--) {
            // The end record's comment runs to the end of the file: what ZipFile takes without a second look.
            if (tail.getInt(at) == END_SIGNATURE && at + END_LENGTH + unsignedShort(tail, at + 20) == tailLength) {
                end = at;
                break;
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        long endPosition = zipSize - tailLength + end;
        long directoryLength = tail.getInt(end + 12) & MASK32;
        long directoryOffset = tail.getInt(end + 16) & MASK32;
        if (directoryLength == MASK32 || directoryOffset == MASK32 || unsignedShort(tail, end + 10) == 0xFFFF) {
            return Optional.empty(); // ZIP64 (over 4 GB, or 65,535 entries): copied as before
        }
        long directoryStart = endPosition - directoryLength;
        // Bytes before the zip (a stub) shift every offset the zip records: ZipFile adds them back.
        long shift = directoryStart - directoryOffset;
        if (directoryLength < 0 || directoryLength > MAX_DIRECTORY_BYTES || directoryStart < 0 || shift < 0) {
            return Optional.empty();
        }
        ByteBuffer directory = read(zip, directoryStart, (int) directoryLength);
        byte[] name = entry.getName().getBytes(StandardCharsets.UTF_8);
        int at = 0;
        while (at + CENTRAL_LENGTH <= directoryLength && directory.getInt(at) == CENTRAL_SIGNATURE) {
            int nameLength = unsignedShort(directory, at + 28);
            int extraLength = unsignedShort(directory, at + 30);
            int commentLength = unsignedShort(directory, at + 32);
            int next = at + CENTRAL_LENGTH + nameLength + extraLength + commentLength;
            if (next > directoryLength) {
                return Optional.empty();
            }
            if (nameLength == name.length && Arrays.equals(bytes(directory, at + CENTRAL_LENGTH, nameLength), name)) {
                long localHeader = directory.getInt(at + 42) & MASK32;
                return localHeader == MASK32 ? Optional.empty() : dataAfter(zip, shift + localHeader, entry, directoryStart);
            }
            at = next;
        }
        return Optional.empty();
    }

    /** The entry's data after its local header, when that header is one and the data end before the directory. */
    private static Optional<Region> dataAfter(FileChannel zip, long localHeader, ZipEntry entry, long directoryStart)
            throws IOException {
        if (localHeader + LOCAL_LENGTH > directoryStart) {
            return Optional.empty();
        }
        ByteBuffer header = read(zip, localHeader, LOCAL_LENGTH);
        if (header.getInt(0) != LOCAL_SIGNATURE) {
            return Optional.empty();
        }
        long start = localHeader + LOCAL_LENGTH + unsignedShort(header, 26) + unsignedShort(header, 28);
        long size = entry.getSize();
        return start + size <= directoryStart ? Optional.of(new Region(start, size)) : Optional.empty();
    }

    /**
     * @param zip the zip
     * @param region a region {@link #locate} found in it, of at most 2 GB
     * @return the region's bytes, read whole
     */
    static byte[] bytesOf(FileChannel zip, Region region) throws IOException {
        return read(zip, region.start(), Math.toIntExact(region.size())).array();
    }

    private static ByteBuffer read(FileChannel zip, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = zip.read(buffer, at);
            if (read < 0) {
                throw new IOException("the zip ends before byte " + (position + length));
            }
            at += read;
        }
        return buffer.flip();
    }

    private static int unsignedShort(ByteBuffer buffer, int at) {
        return buffer.getShort(at) & 0xFFFF;
    }

    private static byte[] bytes(ByteBuffer buffer, int at, int length) {
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        return bytes;
    }
}
