package org.kinspect.file;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.kinspect.errors.KinspectException;

/**
 * A file kept open for reading by position while anything reads from it, closed when nothing
 * refers to it any more: a {@code .keras} zip's weights copied into a temporary file, whose name is
 * deleted at once. The weights are read from it when the import copies them into the graph (or
 * someone asks for them), and the system frees its space when it is closed.
 *
 * <pre>{@code
 * OpenFile weights = OpenFile.open(temporary, zip);
 * Files.delete(temporary);               // the open file stays readable
 * weights.read(start, buffer);           // a weight's bytes, when needed
 * }</pre>
 */
final class OpenFile {
    private static final Cleaner CLOSER = Cleaner.create();
    private final FileChannel channel;
    private final Path shownAs;
    private final Cleaner.Cleanable closing;
    private volatile boolean inUse;

    private OpenFile(FileChannel channel, Path shownAs) {
        this.channel = channel;
        this.shownAs = shownAs;
        this.closing = CLOSER.register(this, () -> {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a file opened for reading loses nothing
            }
        });
    }

    /**
     * @param file the file to open
     * @param shownAs the file messages name (the zip the temporary file came from)
     */
    static OpenFile open(Path file, Path shownAs) throws IOException {
        return new OpenFile(FileChannel.open(file, StandardOpenOption.READ), shownAs);
    }

    /** Records that a weight will read from it later. */
    void use() {
        inUse = true;
    }

    /** @return whether a weight will read from it later */
    boolean inUse() {
        return inUse;
    }

    /** Closes it now: for a file nothing will read from. */
    void close() {
        closing.clean();
    }

    /** Fills {@code into} with the file's bytes from {@code position} on. */
    void read(long position, ByteBuffer into) {
        try {
            long at = position;
            while (into.hasRemaining()) {
                int read = channel.read(into, at);
                if (read < 0) {
                    throw KinspectException.modelFile(shownAs + ": its weights end before their last value; the file is damaged");
                }
                at += read;
            }
        } catch (IOException e) {
            throw KinspectException.modelFile(shownAs + ": cannot read its weights (" + e.getMessage() + ")", e);
        }
    }
}
