package org.kinspect.array;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header of a {@code .npy} file: what the array holds and where its data starts.
 *
 * <pre>{@code
 * NpyHeader header = NpyFile.readHeader(Path.of("weights.npy"));
 * System.out.println(header.descriptor() + " " + Arrays.toString(header.shape()));  // <f4 [2, 3]
 * }</pre>
 *
 * <p>The header is a Python dict literal; it is parsed here rather than evaluated, so a file can
 * never make kinspect run code.
 *
 * @param descriptor the numpy dtype string as stored, such as {@code <f4}, {@code >i2} or {@code
 *     |b1}; not checked to be a type kinspect can read
 * @param fortranOrder whether the data is stored column-major (first index varies fastest)
 * @param shape the array's dimensions; empty for a 0-d array
 * @param dataOffset the byte offset in the file where the data starts
 */
public record NpyHeader(String descriptor, boolean fortranOrder, long[] shape, long dataOffset) {

    /** The longest header accepted; numpy itself refuses headers over 10 000 characters. */
    static final int MAXIMUM_HEADER_LENGTH = 1 << 20;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Python's None: never valid in a header, but it parses. */
    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /**
     * Copies the shape so the record stays immutable.
     *
     * @param descriptor the numpy dtype string as stored, such as {@code <f4}
     * @param fortranOrder whether the data is stored column-major
     * @param shape the array's dimensions; empty for a 0-d array
     * @param dataOffset the byte offset in the file where the data starts
     */
    public NpyHeader {
        Objects.requireNonNull(descriptor, "descriptor");
        shape = Objects.requireNonNull(shape, "shape").clone();
    }

    /** @return a copy of the array's dimensions; empty for a 0-d array */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return how many elements the array has: the product of the shape, 1 for a 0-d array */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /**
     * Parses the header at the start of a {@code .npy} file, format version 1.0, 2.0 or 3.0.
     *
     * @param fileStart the file's first bytes from its absolute index 0, at least the whole header;
     *     bytes after the header are ignored and the buffer's position is not changed
     * @param source the file's name, for messages
     * @return the header
     * @throws NpyFormatException if the bytes are not a {@code .npy} header kinspect can use,
     *     including structured dtypes, whose fields a single float array cannot hold
     */
    public static NpyHeader parse(ByteBuffer fileStart, String source) {
        ByteBuffer bytes = fileStart.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int available = bytes.limit();
        if (available == 0) {
            throw new NpyFormatException(source + ": the file is empty; give a file written by numpy.save");
        }
        if (startsWith(bytes, ZIP_MAGIC)) {
            throw new NpyFormatException(source + ": this is a zip archive (.npz?), not a single .npy array;"
                    + " unpack it or save the array alone with numpy.save");
        }
        if (!startsWith(bytes, Arrays.copyOf(MAGIC, Math.min(available, MAGIC.length)))) {
            throw new NpyFormatException(source + ": not a .npy file (it does not start with the \\x93NUMPY"
                    + " magic string); give a file written by numpy.save");
        }
        if (available < MAGIC.length + 2) {
            throw truncatedHeader(source, available);
        }
        int major = Byte.toUnsignedInt(bytes.get(6));
        int minor = Byte.toUnsignedInt(bytes.get(7));
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(source + ": .npy format version " + major + "." + minor
                    + " is not supported (kinspect reads 1.0, 2.0 and 3.0); save the array again with numpy.save");
        }
        int prefixLength = major == 1 ? 10 : 12;
        if (available < prefixLength) {
            throw truncatedHeader(source, available);
        }
        long headerLength = major == 1
                ? Short.toUnsignedInt(bytes.getShort(8))
                : Integer.toUnsignedLong(bytes.getInt(8));
        if (headerLength > MAXIMUM_HEADER_LENGTH) {
            throw new NpyFormatException(source + ": the .npy header claims to be " + headerLength
                    + " bytes long, more than the " + MAXIMUM_HEADER_LENGTH
                    + " kinspect accepts; the file is damaged, save the array again with numpy.save");
        }
        long dataOffset = prefixLength + headerLength;
        if (available < dataOffset) {
            throw new NpyFormatException(source + ": the file ends inside its header (the header needs "
                    + dataOffset + " bytes, the file has " + available
                    + "); the file was cut short, copy or save it again");
        }
        // Versions 1.0 and 2.0 are latin-1; 3.0 was added to allow UTF-8 field names.
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = decode(bytes.slice(prefixLength, (int) headerLength), charset, source);
        Object value = new PythonLiteralParser(text, source).parseWhole();
        return fromDictionary(value, dataOffset, text, source);
    }

    /**
     * Where the header ends according to the first 10 or 12 bytes, so a reader knows how much to
     * read before calling {@link #parse}.
     *
     * @return the offset of the data, or -1 if these bytes do not start a readable header; {@link
     *     #parse} then says what is wrong
     */
    static long headerEnd(ByteBuffer prefix) {
        ByteBuffer bytes = prefix.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.limit() < 10 || !startsWith(bytes, MAGIC)) {
            return -1;
        }
        int major = bytes.get(6);
        if (major == 1) {
            return 10 + Short.toUnsignedInt(bytes.getShort(8));
        }
        if ((major == 2 || major == 3) && bytes.limit() >= 12) {
            return 12 + Integer.toUnsignedLong(bytes.getInt(8));
        }
        return -1;
    }

    /** @return the shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)} */
    static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyHeader header
                && descriptor.equals(header.descriptor)
                && fortranOrder == header.fortranOrder
                && Arrays.equals(shape, header.shape)
                && dataOffset == header.dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(descriptor, fortranOrder, Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[descriptor=" + descriptor + ", fortranOrder=" + fortranOrder
                + ", shape=" + Arrays.toString(shape) + ", dataOffset=" + dataOffset + "]";
    }

    private static NpyHeader fromDictionary(Object value, long dataOffset, String text, String source) {
        if (!(value instanceof Map<?, ?> dictionary)) {
            throw malformed(source, "it is not a Python dict: " + excerpt(text));
        }
        for (Object key : dictionary.keySet()) {
            if (!KEYS.contains(key)) {
                throw malformed(source, "unexpected entry '" + key + "'");
            }
        }
        for (String key : KEYS) {
            if (!dictionary.containsKey(key)) {
                throw malformed(source, "no '" + key + "' entry");
            }
        }
        Object descriptor = dictionary.get("descr");
        if (descriptor instanceof List<?> fields) {
            throw new NpyFormatException(source + ": holds a structured array with fields "
                    + fieldNames(fields) + ", not plain numbers; save each field as its own array,"
                    + " e.g. np.save('x.npy', array['x'])");
        }
        if (!(descriptor instanceof String descriptorText)) {
            throw malformed(source, "'descr' is not a string");
        }
        if (!(dictionary.get("fortran_order") instanceof Boolean fortranOrder)) {
            throw malformed(source, "'fortran_order' is not True or False");
        }
        long[] shape = shape(dictionary.get("shape"), source);
        return new NpyHeader(descriptorText, fortranOrder, shape, dataOffset);
    }

    private static long[] shape(Object value, String source) {
        if (!(value instanceof PythonTuple tuple)) {
            throw malformed(source, "'shape' is not a tuple");
        }
        long[] shape = new long[tuple.items().size()];
        BigInteger count = BigInteger.ONE;
        for (int i = 0; i < shape.length; i++) {
            if (!(tuple.items().get(i) instanceof BigInteger dimension)
                    || dimension.signum() < 0 || dimension.bitLength() > 62) {
                throw malformed(source, "'shape' must hold non-negative integers, found "
                        + tuple.items().get(i));
            }
            shape[i] = dimension.longValue();
            count = count.multiply(dimension);
        }
        // Checked here so that elementCount() cannot overflow.
        if (count.bitLength() > 62) {
            throw malformed(source, "'shape' " + pythonTuple(shape) + " has more elements than a file can hold");
        }
        return shape;
    }

    private static String fieldNames(List<?> fields) {
        return fields.stream()
                .map(field -> field instanceof PythonTuple tuple && !tuple.items().isEmpty()
                        ? String.valueOf(tuple.items().get(0)) : String.valueOf(field))
                .collect(Collectors.joining(", "));
    }

    private static boolean startsWith(ByteBuffer bytes, byte[] expected) {
        if (bytes.limit() < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes.get(i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String decode(ByteBuffer bytes, Charset charset, String source) {
        try {
            CharBuffer characters = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return characters.toString();
        } catch (CharacterCodingException e) {
            throw malformed(source, "it is not valid " + charset.name());
        }
    }

    private static NpyFormatException truncatedHeader(String source, int available) {
        return new NpyFormatException(source + ": the file ends inside its header (only " + available
                + " bytes); the file was cut short, copy or save it again");
    }

    private static NpyFormatException malformed(String source, String detail) {
        return new NpyFormatException(source + ": malformed .npy header (" + detail
                + "); save the array again with numpy.save");
    }

    /** The start of the header text on one line, for messages. */
    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }

    /** The items between brackets, and whether a comma separated or followed them. */
    private record Sequence(List<Object> items, boolean hasComma) {
    }

    /** A Python tuple, kept apart from a list because 'shape' must be a tuple. */
    private record PythonTuple(List<Object> items) {
        @Override
        public String toString() {
            return items.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ", "(", items.size() == 1 ? ",)" : ")"));
        }
    }

    /**
     * Reads the Python literals a header can hold: dicts, lists, tuples, strings, integers, True,
     * False and None. Anything else is a malformed header.
     */
    private static final class PythonLiteralParser {
        private final String text;
        private final String source;
        private int position;

        PythonLiteralParser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Object parseWhole() {
            Object value = parseValue();
            skipWhitespace();
            if (position < text.length()) {
                throw fail("unexpected text after the dict");
            }
            return value;
        }

        private Object parseValue() {
            skipWhitespace();
            if (position >= text.length()) {
                throw fail("it ends too early");
            }
            char next = text.charAt(position);
            return switch (next) {
                case '{' -> parseDictionary();
                case '[' -> parseSequence('[', ']').items();
                case '(' -> parseParenthesized();
                case '\'', '"' -> parseString();
                default -> {
                    if (next == '-' || next == '+' || Character.isDigit(next)) {
                        yield parseInteger();
                    }
                    if (Character.isLetter(next) || next == '_') {
                        yield parseName();
                    }
                    throw fail("unexpected '" + next + "'");
                }
            };
        }

        private Map<Object, Object> parseDictionary() {
            Map<Object, Object> dictionary = new LinkedHashMap<>();
            position++;
            while (true) {
                skipWhitespace();
                if (consume('}')) {
                    return dictionary;
                }
                Object key = parseValue();
                if (!(key instanceof String)) {
                    throw fail("a key is not a string");
                }
                skipWhitespace();
                expect(':');
                dictionary.put(key, parseValue());
                skipWhitespace();
                if (!consume(',')) {
                    skipWhitespace();
                    expect('}');
                    return dictionary;
                }
            }
        }

        /** {@code (x)} is just x in Python; only a comma or {@code ()} makes a tuple. */
        private Object parseParenthesized() {
            Sequence sequence = parseSequence('(', ')');
            if (sequence.items().size() == 1 && !sequence.hasComma()) {
                return sequence.items().get(0);
            }
            return new PythonTuple(sequence.items());
        }

        private Sequence parseSequence(char open, char close) {
            List<Object> items = new ArrayList<>();
            expect(open);
            while (true) {
                skipWhitespace();
                if (consume(close)) {
                    return new Sequence(items, !items.isEmpty());
                }
                items.add(parseValue());
                skipWhitespace();
                if (!consume(',')) {
                    skipWhitespace();
                    expect(close);
                    return new Sequence(items, items.size() > 1);
                }
            }
        }

        private String parseString() {
            char quote = text.charAt(position++);
            StringBuilder value = new StringBuilder();
            while (position < text.length()) {
                char next = text.charAt(position++);
                if (next == quote) {
                    return value.toString();
                }
                if (next == '\n') {
                    break;
                }
                if (next == '\\' && position < text.length()) {
                    value.append(escaped(text.charAt(position++)));
                } else {
                    value.append(next);
                }
            }
            throw fail("a string is not closed");
        }

        private String escaped(char code) {
            return switch (code) {
                case 'n' -> "\n";
                case 't' -> "\t";
                case 'r' -> "\r";
                case '0' -> "\0";
                case '\\', '\'', '"' -> String.valueOf(code);
                case 'x' -> hexCharacter(2);
                case 'u' -> hexCharacter(4);
                default -> "\\" + code;  // Python keeps unknown escapes as they are.
            };
        }

        private String hexCharacter(int digits) {
            if (position + digits > text.length()) {
                throw fail("a string escape is cut short");
            }
            try {
                int code = Integer.parseInt(text.substring(position, position + digits), 16);
                position += digits;
                return String.valueOf((char) code);
            } catch (NumberFormatException e) {
                throw fail("a string escape is not hexadecimal");
            }
        }

        private BigInteger parseInteger() {
            int start = position;
            if (text.charAt(position) == '-' || text.charAt(position) == '+') {
                position++;
            }
            int digitsStart = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (position == digitsStart) {
                throw fail("a number has no digits");
            }
            BigInteger value = new BigInteger(text.substring(start, position));
            // Python 2 wrote long integers as 3L; numpy still reads such files.
            if (position < text.length() && (text.charAt(position) == 'L' || text.charAt(position) == 'l')) {
                position++;
            }
            if (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                    || text.charAt(position) == '.')) {
                throw fail("a number is not a plain integer");
            }
            return value;
        }

        private Object parseName() {
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            String name = text.substring(start, position);
            return switch (name) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> NONE;
                default -> throw fail("unexpected name '" + name + "'");
            };
        }

        private void skipWhitespace() {
            while (position < text.length() && " \t\n\r\f".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
        }

        private boolean consume(char expected) {
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char expected) {
            if (!consume(expected)) {
                throw fail("expected '" + expected + "'");
            }
        }

        private NpyFormatException fail(String problem) {
            return malformed(source, problem + " at character " + position + " of " + excerpt(text));
        }
    }
}
