package org.kinspect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.kinspect.errors.KinspectException;

/**
 * Finds symbolic links among a zip's entries. {@code java.util.zip} does not show them: a link is
 * an ordinary entry whose content is the target's path, marked as a link only by the Unix mode in
 * the central directory's external attributes. kinspect never extracts anything, so a link cannot
 * make it read another file, but no Keras zip holds one: a {@code config.json} that is a link to
 * {@code /etc/passwd} is refused by name instead of failing later as invalid JSON.
 *
 * <pre>{@code
 * ZipSymlinks.first(path).ifPresent(name -> { throw ... });
 * }</pre>
 */
final class ZipSymlinks {
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END_OF_DIRECTORY = 0x06064b50;
    private static final int DIRECTORY_ENTRY = 0x02014b50;
    private static final int UNIX_HOST = 3;
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SYMBOLIC_LINK = 0120000;
    /** The end record's comment is at most 65535 bytes. */
    private static final int MAX_TAIL = 22 + 65535;
    /** A central directory larger than this is not a Keras zip's (KerasZipReader caps entries at 100,000). */
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;

    private ZipSymlinks() {}

    /**
     * @param zip a zip file that {@link java.util.zip.ZipFile} has opened
     * @return the name of its first entry that is a symbolic link, if any
     * @throws KinspectException when the central directory cannot be located or read
     */
    static Optional<String> first(Path zip) {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, MAX_TAIL);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = lastIndexOf(tail, END_OF_DIRECTORY);
            if (end < 0) {
                throw damaged(zip, "no end of central directory");
            }
            long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (directoryOffset == 0xFFFFFFFFL || directorySize == 0xFFFFFFFFL) {
                long[] zip64 = zip64Directory(channel, size - tailLength + end, zip);
                directorySize = zip64[0];
                directoryOffset = zip64[1];
            }
            if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > size) {
                throw damaged(zip, "a central directory of " + directorySize + " bytes");
            }
            return firstLink(read(channel, directoryOffset, (int) directorySize));
        } catch (IOException e) {
            throw KinspectException.modelFile(zip + ": cannot read the .keras zip (" + e.getMessage() + ")", e);
        }
    }

    private static Optional<String> firstLink(ByteBuffer directory) {
        int at = 0;
        while (at + 46 <= directory.limit() && directory.getInt(at) == DIRECTORY_ENTRY) {
            int host = (directory.getShort(at + 4) >> 8) & 0xff;
            int mode = (directory.getInt(at + 38) >>> 16) & 0xffff;
            int nameLength = directory.getShort(at + 28) & 0xffff;
            int extraLength = directory.getShort(at + 30) & 0xffff;
            int commentLength = directory.getShort(at + 32) & 0xffff;
            if (at + 46 + nameLength > directory.limit()) {
                break;
            }
            if (host == UNIX_HOST && (mode & FILE_TYPE_MASK) == SYMBOLIC_LINK) {
                byte[] name = new byte[nameLength];
                directory.get(at + 46, name);
                return Optional.of(new String(name, StandardCharsets.UTF_8));
            }
            at += 46 + nameLength + extraLength + commentLength;
        }
        return Optional.empty();
    }

    /** @return the size and offset of the central directory from the zip64 end record */
    private static long[] zip64Directory(FileChannel channel, long endOffset, Path zip) throws IOException {
        if (endOffset < 20) {
            throw damaged(zip, "no zip64 end record");
        }
        ByteBuffer locator = read(channel, endOffset - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR) {
            throw damaged(zip, "no zip64 end record");
        }
        long recordOffset = locator.getLong(8);
        if (recordOffset < 0 || recordOffset + 56 > channel.size()) {
            throw damaged(zip, "a zip64 end record outside the file");
        }
        ByteBuffer record = read(channel, recordOffset, 56);
        if (record.getInt(0) != ZIP64_END_OF_DIRECTORY) {
            throw damaged(zip, "no zip64 end record");
        }
        return new long[] {record.getLong(40), record.getLong(48)};
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private static int lastIndexOf(ByteBuffer buffer, int signature) {
        for (int at = buffer.limit() - 22; at >= 0; at--) {
            if (buffer.getInt(at) == signature) {
                return at;
            }
        }
        return -1;
    }

    private static KinspectException damaged(Path zip, String what) {
        return KinspectException.modelFile(zip + ": the .keras zip is damaged (" + what + ")");
    }
}
