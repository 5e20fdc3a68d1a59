package org.kinspect.array;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.FloatPointer;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes numpy {@code .npy} files as float32 ND4J arrays.
 *
 * <pre>{@code
 * INDArray input = NpyFile.read(Path.of("input.npy"));   // any numeric dtype, float32 C order
 * NpyFile.write(Path.of("output.npy"), model.output(input));
 * }</pre>
 *
 * <p>ND4J's own {@code Nd4j.createFromNpyFile} is not used: it scrambles Fortran-order files and
 * aborts the JVM on big-endian ones. The data is streamed through a {@link FileChannel} once,
 * converted chunk by chunk straight into the array's native memory.
 */
public final class NpyFile {

    /** Bytes converted per step: large enough to read fast, small enough to keep memory flat. */
    static final int CHUNK_BYTES = 1 << 23;
    private static final Pattern DESCRIPTOR = Pattern.compile("([<>|=]?)([A-Za-z])(\\d*)(.*)");
    /** numpy aligns the data of the files it writes to this many bytes. */
    private static final int ALIGNMENT = 64;
    /** numpy leaves room for the growing axis to reach this many digits, see numpy.lib.format. */
    private static final int GROWTH_AXIS_MAXIMUM_DIGITS = 21;

    private NpyFile() {
    }

    /**
     * Reads a {@code .npy} file of any numeric or boolean dtype, either byte order and either
     * memory order.
     *
     * @param file the {@code .npy} file
     * @return a new float32 C-order array with the file's shape (rank 0 for a 0-d array); values
     *     are converted as numpy's {@code astype(np.float32)} does, booleans become 0 and 1
     * @throws NpyFormatException if the file is missing, damaged, or holds objects, text, complex
     *     numbers, dates or structured records
     */
    public static INDArray read(Path file) {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = open(file)) {
            Checked checked = check(channel, file);
            return readData(channel, checked.header(), checked.type(), checked.dataBytes(), file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Checks what {@link #read} checks before it reads the values (the file is there, its header is
     * sound, its dtype one {@link #read} converts, its data all there) without reading them, and
     * without ND4J: a command checks its inputs so before a long import, and reads them after.
     *
     * <pre>{@code
     * NpyFile.check(Path.of("x.npy"));          // fails at once on a mistyped or damaged file
     * InspectedModel model = InspectedModel.open(Path.of("model.keras"));
     * INDArray x = NpyFile.read(Path.of("x.npy"));
     * }</pre>
     *
     * @param file the {@code .npy} file
     * @return its header
     * @throws NpyFormatException as {@link #read} would, except for a file changed in between
     */
    public static NpyHeader check(Path file) {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = open(file)) {
            return check(channel, file).header();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A header checked, with the dtype it names and the bytes of data it declares, all in the file. */
    record Checked(NpyHeader header, StoredType type, long dataBytes) {}

    /** What {@link #read} checks before reading the values (also {@link NpyRows}'s checks). */
    static Checked check(FileChannel channel, Path file) throws IOException {
        NpyHeader header = readHeader(channel, file);
        StoredType type = StoredType.of(header.descriptor(), file);
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(header.elementCount(), (long) type.size());
        } catch (ArithmeticException e) {
            throw new NpyFormatException(file + ": shape " + NpyHeader.pythonTuple(header.shape())
                    + " is too large to be real; the header is damaged, save the array again with numpy.save");
        }
        long found = channel.size() - header.dataOffset();
        if (found < dataBytes) {
            throw truncated(file, header, dataBytes, found);
        }
        return new Checked(header, type, dataBytes);
    }

    /**
     * Reads only the header of a {@code .npy} file, to learn its dtype and shape cheaply.
     *
     * @param file the {@code .npy} file
     * @return the header; its dtype is not checked to be one {@link #read} accepts
     * @throws NpyFormatException if the file is missing or its header is damaged
     */
    public static NpyHeader readHeader(Path file) {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = open(file)) {
            return readHeader(channel, file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Writes an array as numpy does for float32: format version 1.0, little-endian, C order, the
     * data aligned to 64 bytes. {@code np.load} reads it back unchanged.
     *
     * @param file where to write; replaced if it exists
     * @param array the values; converted to float32 first if needed
     * @throws KinspectException if the file cannot be written
     */
    public static void write(Path file, INDArray array) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(array, "array");
        long[] shape = array.shape();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(channel, ByteBuffer.wrap(headerBytes(shape)));
            if (!array.isEmpty()) {
                writeData(channel, plainFloats(array));
            }
        } catch (IOException e) {
            throw KinspectException.input(file + ": cannot write the .npy file (" + describe(e)
                    + "); check that the folder exists and is writable", e);
        }
    }

    static FileChannel open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new NpyFormatException(file + ": is a folder, not a .npy file; give the path of a .npy file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file + ": no such file; check the path", e);
        }
    }

    static NpyHeader readHeader(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        ByteBuffer start = readAt(channel, 0, (int) Math.min(size, 12));
        long end = NpyHeader.headerEnd(start);
        // Read up to the header's end (no data), capped; parse() reports a header too long or cut short.
        if (end > start.limit()) {
            start = readAt(channel, 0, (int) Math.min(Math.min(end, size), 12L + NpyHeader.MAXIMUM_HEADER_LENGTH));
        }
        return NpyHeader.parse(start, file.toString());
    }

    private static INDArray readData(FileChannel channel, NpyHeader header, StoredType type, long dataBytes,
            Path file) throws IOException {
        long[] shape = header.shape();
        long count = header.elementCount();
        if (count == 0) {
            return Nd4j.create(DataType.FLOAT, shape, 'c');
        }
        // Fill in the file's own order, then let ND4J reorder once if it is Fortran.
        INDArray result = Nd4j.createUninitialized(DataType.FLOAT, shape, header.fortranOrder() ? 'f' : 'c');
        FloatPointer target = new FloatPointer(result.data().addressPointer());
        int chunkElements = CHUNK_BYTES / type.size();
        ByteBuffer chunk = ByteBuffer.allocateDirect((int) Math.min(count, chunkElements) * type.size())
                .order(type.order());
        long done = 0;
        while (done < count) {
            int elements = (int) Math.min(count - done, chunkElements);
            chunk.clear().limit(elements * type.size());
            long position = header.dataOffset() + done * type.size();
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, position + chunk.position()) < 0) {
                    // The file shrank after its size was checked.
                    throw truncated(file, header, dataBytes, done * type.size() + chunk.position());
                }
            }
            chunk.flip();
            FloatBuffer window = new FloatPointer(target).position(done).limit(done + elements).asBuffer();
            type.kind().convert(chunk, window, elements);
            done += elements;
        }
        // A no-op on CPU; on a GPU backend it marks the host copy as the current one.
        Nd4j.getAffinityManager().tagLocation(result, AffinityManager.Location.HOST);
        return header.fortranOrder() ? result.dup('c') : result;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
            // Keep reading: a channel may return fewer bytes than asked.
        }
        return bytes.flip();
    }

    /** The array itself if its buffer already holds float32 in C order from index 0, else a copy that does. */
    private static INDArray plainFloats(INDArray array) {
        INDArray floats = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
        boolean plain = floats.ordering() == 'c' && !floats.isView() && floats.offset() == 0
                && Shape.hasDefaultStridesForShape(floats);
        return plain ? floats : floats.dup('c');
    }

    private static void writeData(FileChannel channel, INDArray values) throws IOException {
        Nd4j.getAffinityManager().ensureLocation(values, AffinityManager.Location.HOST);
        DataBuffer data = values.data();
        long count = values.length();
        int chunkElements = CHUNK_BYTES / Float.BYTES;
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(count, chunkElements) * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long done = 0; done < count; done += chunkElements) {
            int elements = (int) Math.min(count - done, chunkElements);
            chunk.clear();
            chunk.asFloatBuffer().put(data.getFloatsAt(done, elements));
            chunk.limit(elements * Float.BYTES);
            writeFully(channel, chunk);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** The header numpy 1.23+ writes for a float32 C-order array of this shape, byte for byte. */
    static byte[] headerBytes(long[] shape) {
        StringBuilder dictionary = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ")
                .append(NpyHeader.pythonTuple(shape)).append(", }");
        if (shape.length > 0) {
            // Spare room so the first axis can grow in place, as numpy leaves it.
            dictionary.append(" ".repeat(GROWTH_AXIS_MAXIMUM_DIGITS - Long.toString(shape[0]).length()));
        }
        byte[] text = dictionary.toString().getBytes(StandardCharsets.US_ASCII);
        // Version 1.0 stores the header length in 2 bytes; 2.0 only when that is too small, as numpy does.
        int major = 1;
        int prefixLength = 10;
        int padding = ALIGNMENT - (prefixLength + text.length + 1) % ALIGNMENT;
        if (text.length + padding + 1 > 0xFFFF) {
            major = 2;
            prefixLength = 12;
            padding = ALIGNMENT - (prefixLength + text.length + 1) % ALIGNMENT;
        }
        int headerLength = text.length + padding + 1;
        ByteBuffer bytes = ByteBuffer.allocate(prefixLength + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            bytes.putShort((short) headerLength);
        } else {
            bytes.putInt(headerLength);
        }
        bytes.put(text).put(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII)).put((byte) '\n');
        return bytes.array();
    }

    static NpyFormatException truncated(Path file, NpyHeader header, long expected, long found) {
        return new NpyFormatException(file + ": the data is cut short: shape "
                + NpyHeader.pythonTuple(header.shape()) + " of dtype '" + header.descriptor() + "' needs "
                + expected + " bytes after the " + header.dataOffset() + "-byte header, the file has " + found
                + "; the file was not copied or saved completely, copy or save it again");
    }

    static NpyFormatException unreadable(Path file, IOException e) {
        String problem = e instanceof AccessDeniedException ? "permission denied" : describe(e);
        return new NpyFormatException(file + ": cannot read the file (" + problem + "); check that it is readable", e);
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ");
    }

    /** How the numbers sit in the file: their kind, size in bytes and byte order. Shared with {@link NpyRows}. */
    record StoredType(Kind kind, int size, ByteOrder order) {

        static StoredType of(String descriptor, Path file) {
            Matcher parts = DESCRIPTOR.matcher(descriptor);
            if (!parts.matches()) {
                throw unsupported(file, descriptor, "is not a dtype kinspect knows");
            }
            char kind = parts.group(2).charAt(0);
            int size = parts.group(3).isEmpty() || parts.group(3).length() > 3 ? -1 : Integer.parseInt(parts.group(3));
            boolean plain = parts.group(4).isEmpty();
            switch (kind) {
                case 'O' -> throw new NpyFormatException(file + ": holds Python objects (dtype '" + descriptor
                        + "'), which kinspect never unpickles; save a numeric array instead,"
                        + " e.g. np.save(path, array.astype(np.float32))");
                case 'U', 'S', 'a' -> throw unsupported(file, descriptor, "holds text, not numbers");
                case 'c' -> throw unsupported(file, descriptor,
                        "holds complex numbers, which float32 cannot hold; save array.real or np.abs(array)");
                case 'M', 'm' -> throw unsupported(file, descriptor,
                        "holds dates or time spans; convert them to numbers first");
                case 'V' -> throw unsupported(file, descriptor, "holds raw or structured records");
                default -> {
                    // Read below.
                }
            }
            Kind found = plain ? Kind.of(kind, size) : null;
            if (found == null) {
                String problem = kind == 'f' && size > 8
                        ? "holds extended-precision floats; save them as float64 or float32"
                        : "is not a numeric dtype kinspect reads";
                throw unsupported(file, descriptor, problem);
            }
            return new StoredType(found, size, byteOrder(parts.group(1)));
        }

        /** {@code '|'} (not applicable) and {@code '='} or none (native) behave as numpy reads them. */
        private static ByteOrder byteOrder(String mark) {
            return switch (mark) {
                case "<" -> ByteOrder.LITTLE_ENDIAN;
                case ">" -> ByteOrder.BIG_ENDIAN;
                default -> ByteOrder.nativeOrder();
            };
        }

        private static NpyFormatException unsupported(Path file, String descriptor, String problem) {
            return new NpyFormatException(file + ": dtype '" + descriptor + "' " + problem
                    + "; kinspect reads floats, integers and booleans, e.g. np.save(path, array.astype(np.float32))");
        }
    }

    /** The numeric dtypes kinspect reads, each with its conversion to float32. */
    enum Kind {
        FLOAT16('f', 2), FLOAT32('f', 4), FLOAT64('f', 8),
        INT8('i', 1), INT16('i', 2), INT32('i', 4), INT64('i', 8),
        UINT8('u', 1), UINT16('u', 2), UINT32('u', 4), UINT64('u', 8),
        BOOL('b', 1);

        private final char code;
        private final int size;

        Kind(char code, int size) {
            this.code = code;
            this.size = size;
        }

        static Kind of(char code, int size) {
            for (Kind kind : values()) {
                if (kind.code == code && kind.size == size) {
                    return kind;
                }
            }
            return null;
        }

        /** Converts {@code count} values from {@code in} (byte order set) into {@code out}. */
        void convert(ByteBuffer in, FloatBuffer out, int count) {
            switch (this) {
                case FLOAT16 -> {
                    ShortBuffer values = in.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, halfToFloat(values.get(i)));
                    }
                }
                case FLOAT32 -> out.put(in.asFloatBuffer());
                case FLOAT64 -> {
                    DoubleBuffer values = in.asDoubleBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, (float) values.get(i));
                    }
                }
                case INT8 -> {
                    for (int i = 0; i < count; i++) {
                        out.put(i, in.get(i));
                    }
                }
                case INT16 -> {
                    ShortBuffer values = in.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, values.get(i));
                    }
                }
                case INT32 -> {
                    IntBuffer values = in.asIntBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, values.get(i));
                    }
                }
                case INT64 -> {
                    LongBuffer values = in.asLongBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, values.get(i));
                    }
                }
                case UINT8 -> {
                    for (int i = 0; i < count; i++) {
                        out.put(i, Byte.toUnsignedInt(in.get(i)));
                    }
                }
                case UINT16 -> {
                    ShortBuffer values = in.asShortBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, Short.toUnsignedInt(values.get(i)));
                    }
                }
                case UINT32 -> {
                    IntBuffer values = in.asIntBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, Integer.toUnsignedLong(values.get(i)));
                    }
                }
                case UINT64 -> {
                    LongBuffer values = in.asLongBuffer();
                    for (int i = 0; i < count; i++) {
                        out.put(i, unsignedLongToFloat(values.get(i)));
                    }
                }
                case BOOL -> {
                    for (int i = 0; i < count; i++) {
                        out.put(i, in.get(i) != 0 ? 1f : 0f);
                    }
                }
                default -> throw new AssertionError(this);
            }
        }
    }

    /** IEEE half to float; Java 17 has no {@code Float.float16ToFloat}. Every half is exact in float. */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            // Infinity or NaN; the NaN payload moves along.
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact in float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /**
     * An unsigned 64-bit value to the nearest float. Above 2^63 it is halved first, keeping the
     * dropped bit as a sticky bit so the rounding comes out as a direct conversion would.
     */
    static float unsignedLongToFloat(long value) {
        if (value >= 0) {
            return value;
        }
        return ((value >>> 1) | (value & 1)) * 2f;
    }
}
