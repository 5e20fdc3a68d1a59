package org.kinspect.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reads the fixtures in {@code src/test/resources/npy}, written by real numpy with
 * {@code make_npy_fixtures.py}. Expected values are recomputed here from the same formulas.
 */
class NpyFileTest {

    @TempDir
    Path temporary;

    // ---- dtypes ----

    @Test
    void readsFloat16() {
        assertValues(NpyFile.read(fixture("float16.npy")), shape(3, 4), sequence(12, i -> i * 0.25 - 1));
    }

    @Test
    void readsFloat16SpecialValues() {
        float[] expected = {0f, -0f, 65504f, 0x1p-14f, 0x1p-24f, 0x1.554p-2f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        assertValues(NpyFile.read(fixture("float16_special.npy")), shape(9), expected);
    }

    @Test
    void readsFloat32() {
        assertValues(NpyFile.read(fixture("float32.npy")), shape(2, 3, 4), sequence(24, i -> i * 0.5 - 3));
    }

    @Test
    void readsFloat64RoundedToNearestFloat() {
        float[] expected = new float[6];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (i / 3.0);
        }
        assertValues(NpyFile.read(fixture("float64.npy")), shape(2, 3), expected);
    }

    @ParameterizedTest
    @CsvSource({
        "int8.npy, -128, 127",
        "int16.npy, -32768, 32767",
        "int32.npy, -2147483648, 2147483647",
        "int64.npy, -9223372036854775808, 9223372036854775807"})
    void readsSignedIntegers(String name, long minimum, long maximum) {
        float[] expected = new float[12];
        expected[0] = minimum;
        expected[1] = maximum;
        for (int i = 2; i < 12; i++) {
            expected[i] = i - 7;
        }
        assertValues(NpyFile.read(fixture(name)), shape(3, 4), expected);
    }

    @ParameterizedTest
    @CsvSource({
        "uint8.npy, 255, 1",
        "uint16.npy, 65535, 1",
        "uint32.npy, 4294967295, 1",
        "uint64.npy, 18446744073709551615, 9223372586610589697"})
    void readsUnsignedIntegers(String name, BigInteger maximum, BigInteger third) {
        float[] expected = new float[12];
        expected[0] = 0;
        // BigInteger.floatValue rounds to nearest: an independent reference for the conversion.
        expected[1] = maximum.floatValue();
        expected[2] = third.floatValue();
        for (int i = 3; i < 12; i++) {
            expected[i] = i - 1;
        }
        assertValues(NpyFile.read(fixture(name)), shape(3, 4), expected);
    }

    @Test
    void uint64ThirdValueIsTwoToThe63PlusTwoToThe39PlusOne() {
        // Guards the fixture itself: this value is the one that needs the sticky bit.
        assertEquals(BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE.shiftLeft(39)).add(BigInteger.ONE),
                new BigInteger("9223372586610589697"));
        assertEquals(0x1p63f + 0x1p40f, new BigInteger("9223372586610589697").floatValue());
    }

    @Test
    void readsBooleansAsZeroAndOne() {
        assertValues(NpyFile.read(fixture("bool.npy")), shape(2, 3), sequence(6, i -> i % 3 == 0 ? 1 : 0));
    }

    // ---- layouts ----

    @Test
    void readsFortranOrderIntoCOrder() {
        INDArray array = NpyFile.read(fixture("fortran_float32.npy"));
        assertValues(array, shape(2, 3, 4), sequence(24, i -> i));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(12 * i + 4 * j + k, array.getFloat(i, j, k), "element " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void readsBigEndianFloat32() {
        assertValues(NpyFile.read(fixture("big_endian_float32.npy")), shape(3, 4), sequence(12, i -> i * 1.5 - 4));
    }

    @Test
    void readsBigEndianInt16() {
        float[] expected = new float[12];
        expected[0] = -32768;
        expected[1] = 32767;
        for (int i = 2; i < 12; i++) {
            expected[i] = (i - 7) * 1000;
        }
        assertValues(NpyFile.read(fixture("big_endian_int16.npy")), shape(3, 4), expected);
    }

    @Test
    void readsZeroDimensionalArrayAsScalar() {
        INDArray array = NpyFile.read(fixture("scalar.npy"));
        assertEquals(0, array.rank());
        assertValues(array, shape(), new float[] {3.25f});
    }

    @Test
    void readsOneDimensionalArrayAsVector() {
        INDArray array = NpyFile.read(fixture("vector.npy"));
        assertEquals(1, array.rank());
        assertValues(array, shape(5), sequence(5, i -> 2 * i + 1));
    }

    @Test
    void readsEmptyArray() {
        INDArray array = NpyFile.read(fixture("empty.npy"));
        assertTrue(array.isEmpty());
        assertArrayEquals(shape(0, 3), array.shape());
        assertEquals(DataType.FLOAT, array.dataType());
    }

    @ParameterizedTest
    @CsvSource({"version2.npy, 12", "version3.npy, 12"})
    void readsFormatVersions2And3(String name, int prefixLength) {
        assertValues(NpyFile.read(fixture(name)), shape(2, 3), sequence(6, i -> i));
        NpyHeader header = NpyFile.readHeader(fixture(name));
        assertEquals(0, header.dataOffset() % 64);
        assertTrue(header.dataOffset() > prefixLength);
    }

    @Test
    void readsHeaderOnly() throws IOException {
        Path file = fixture("fortran_float32.npy");
        NpyHeader header = NpyFile.readHeader(file);
        assertEquals("<f4", header.descriptor());
        assertTrue(header.fortranOrder());
        assertArrayEquals(shape(2, 3, 4), header.shape());
        assertEquals(24, header.elementCount());
        // numpy aligns the data to 64 bytes and 24 float32 values fill the rest of the file.
        assertEquals(Files.size(file) - 24 * 4, header.dataOffset());
        assertEquals(0, header.dataOffset() % 64);
    }

    @Test
    void readHeaderDescribesObjectArraysWithoutReadingThem() {
        NpyHeader header = NpyFile.readHeader(fixture("object.npy"));
        assertEquals("|O", header.descriptor());
        assertArrayEquals(shape(3), header.shape());
    }

    @Test
    void readsManyChunks() {
        // 3 million floats are 12 MB, more than one 8 MiB chunk both ways.
        INDArray original = Nd4j.arange(0, 3_000_001).castTo(DataType.FLOAT);
        Path file = temporary.resolve("large.npy");
        NpyFile.write(file, original);
        INDArray read = NpyFile.read(file);
        assertArrayEquals(original.shape(), read.shape());
        assertEquals(3_000_000f, read.getFloat(3_000_000L));
        assertEquals(original, read);
    }

    // ---- refused files ----

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
        "object.npy, never unpickles",
        "unicode.npy, '<U2' holds text",
        "bytes.npy, '|S2' holds text",
        "complex.npy, complex numbers",
        "structured.npy, structured array with fields x, y",
        "datetime.npy, dates"})
    void refusesNonNumericArrays(String name, String expectedProblem) {
        assertRefused(fixture(name), expectedProblem);
    }

    @Test
    void refusesTruncatedDataSayingHowManyBytes() {
        assertRefused(fixture("truncated.npy"), "needs 96 bytes after the 128-byte header, the file has 90");
    }

    @Test
    void refusesMissingFile() {
        Path missing = temporary.resolve("absent.npy");
        assertRefused(missing, "no such file");
        NpyFormatException headerProblem = assertThrows(NpyFormatException.class, () -> NpyFile.readHeader(missing));
        assertTrue(headerProblem.getMessage().contains("no such file"));
    }

    @Test
    void refusesFolder() {
        assertRefused(temporary, "is a folder");
    }

    @Test
    void refusesBadMagic() throws IOException {
        Path text = temporary.resolve("text.npy");
        Files.writeString(text, "hello, this is not numpy\n");
        assertRefused(text, "not a .npy file");
    }

    @Test
    void refusesEmptyFile() throws IOException {
        Path empty = Files.createFile(temporary.resolve("empty.npy"));
        assertRefused(empty, "the file is empty");
    }

    @Test
    void refusesNpzArchive() throws IOException {
        Path archive = temporary.resolve("arrays.npy");
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.npy"));
            zip.write(Files.readAllBytes(fixture("vector.npy")));
        }
        assertRefused(archive, "zip archive");
    }

    @Test
    void refusesUnsupportedVersion() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("vector.npy"));
        bytes[6] = 4;
        assertRefused(Files.write(temporary.resolve("version4.npy"), bytes), "version 4.0 is not supported");
    }

    @Test
    void refusesFileCutInsideHeader() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("vector.npy"));
        Path cut = Files.write(temporary.resolve("cut.npy"), Arrays.copyOf(bytes, 40));
        assertRefused(cut, "ends inside its header (the header needs 128 bytes, the file has 40)");
        assertRefused(Files.write(temporary.resolve("tiny.npy"), Arrays.copyOf(bytes, 7)),
                "ends inside its header");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'descr': '<f4', 'shape': (2,), }| no 'fortran_order' entry",
        "{'descr': '<f4' 'fortran_order': False, 'shape': (2,), }| expected '}'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }| non-negative integers",
        "{'descr': '<f4', 'fortran_order': False, 'shape': [2], }| 'shape' is not a tuple",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2), }| 'shape' is not a tuple",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }| 'fortran_order' is not True or False",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}| unexpected entry 'extra'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), }| not a plain integer",
        "['descr', '<f4']| not a Python dict",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } junk| unexpected text after the dict",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), | ends too early",
        "{'descr' '<f4', 'fortran_order': False, 'shape': (2,), }| expected ':'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape: (3,), }| a string is not closed"})
    void refusesMalformedHeader(String dictionary, String expectedProblem) throws IOException {
        Path file = Files.write(temporary.resolve("malformed.npy"), npy(dictionary, new byte[8]));
        NpyFormatException problem = assertRefused(file, expectedProblem);
        assertTrue(problem.getMessage().contains("malformed .npy header"), problem.getMessage());
    }

    @Test
    void refusesAbsurdHeaderLength() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 0);
        bytes.putInt(0x7fffffff);
        Path file = Files.write(temporary.resolve("huge-header.npy"), bytes.array());
        assertRefused(file, "claims to be 2147483647 bytes long");
    }

    @Test
    void refusesExtendedPrecisionFloats() throws IOException {
        Path file = Files.write(temporary.resolve("longdouble.npy"),
                npy("{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", new byte[16]));
        assertRefused(file, "extended-precision");
    }

    @Test
    void readsHandWrittenHeaderVariants() throws IOException {
        // Python 2 long suffixes, double quotes, other key order, no trailing comma: all valid for numpy.
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        Path file = Files.write(temporary.resolve("variants.npy"),
                npy("{\"shape\": (1L, 2L), \"fortran_order\": False, \"descr\": \"<f4\"}", data.array()));
        assertValues(NpyFile.read(file), shape(1, 2), new float[] {1.5f, -2f});
    }

    // ---- writing ----

    @Test
    void writesSameBytesAsNumpy() throws IOException {
        assertWrittenLike("float32.npy", Nd4j.create(sequence(24, i -> i * 0.5 - 3), shape(2, 3, 4), 'c'));
        assertWrittenLike("vector.npy", Nd4j.create(sequence(5, i -> 2 * i + 1), shape(5), 'c'));
        assertWrittenLike("scalar.npy", Nd4j.scalar(3.25f));
        assertWrittenLike("empty.npy", Nd4j.create(DataType.FLOAT, 0, 3));
    }

    @Test
    void writesOtherTypesAndLayoutsAsFloat32COrder() throws IOException {
        double[] values = new double[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5 - 3;
        }
        INDArray doubles = Nd4j.create(values, shape(2, 3, 4), 'c');
        assertWrittenLike("float32.npy", doubles);
        assertWrittenLike("float32.npy", doubles.castTo(DataType.FLOAT).dup('f'));
        // A view that starts part-way into a bigger buffer.
        INDArray bigger = Nd4j.create(DataType.FLOAT, 3, 3, 4).assign(99);
        bigger.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all()).assign(doubles);
        assertWrittenLike("float32.npy",
                bigger.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all()));
    }

    @Test
    void reportsFileThatCannotBeWritten() {
        Path file = temporary.resolve("no-such-folder").resolve("out.npy");
        KinspectException problem = assertThrows(KinspectException.class,
                () -> NpyFile.write(file, Nd4j.scalar(1f)));
        assertTrue(problem.getMessage().startsWith(file + ": cannot write"), problem.getMessage());
    }

    @Test
    void readsBackWhatItWrote() {
        for (String name : new String[] {"fortran_float32.npy", "big_endian_int16.npy", "scalar.npy", "uint64.npy"}) {
            INDArray original = NpyFile.read(fixture(name));
            Path copy = temporary.resolve("copy-" + name);
            NpyFile.write(copy, original);
            assertEquals(original, NpyFile.read(copy), name);
            assertEquals(0, NpyFile.readHeader(copy).dataOffset() % 64, name);
        }
    }

    // ---- helpers ----

    private static Path fixture(String name) {
        URL resource = NpyFileTest.class.getResource("/npy/" + name);
        if (resource == null) {
            throw new IllegalStateException("missing test fixture npy/" + name + "; run make_npy_fixtures.py");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] shape(long... dimensions) {
        return dimensions;
    }

    private static float[] sequence(int length, IntToDoubleFunction formula) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) formula.applyAsDouble(i);
        }
        return values;
    }

    /** Float32, C order with plain strides, the given shape, and exactly the given values in C order. */
    private static void assertValues(INDArray array, long[] shape, float[] expected) {
        assertEquals(DataType.FLOAT, array.dataType());
        assertArrayEquals(shape, array.shape());
        assertEquals('c', array.ordering());
        assertTrue(Shape.hasDefaultStridesForShape(array), "strides are plain C order");
        // assertArrayEquals on floats compares bits: -0 differs from 0, NaN equals NaN.
        assertArrayEquals(expected, array.dup('c').data().asFloat());
    }

    private static NpyFormatException assertRefused(Path file, String expectedProblem) {
        NpyFormatException problem = assertThrows(NpyFormatException.class, () -> NpyFile.read(file));
        String message = problem.getMessage();
        assertTrue(message.contains(expectedProblem), message);
        assertTrue(message.startsWith(file.toString() + ": "), "names the file: " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
        // What a command checks before its import refuses the file in the same words.
        assertEquals(message, assertThrows(NpyFormatException.class, () -> NpyFile.check(file)).getMessage());
        return problem;
    }

    private void assertWrittenLike(String numpyFile, INDArray array) throws IOException {
        Path written = temporary.resolve("written-" + numpyFile);
        NpyFile.write(written, array);
        assertArrayEquals(Files.readAllBytes(fixture(numpyFile)), Files.readAllBytes(written),
                "bytes of " + numpyFile);
    }

    /** A version 1.0 file with this header text, padded as numpy pads, then these data bytes. */
    private static byte[] npy(String dictionary, byte[] data) {
        int unpadded = 10 + dictionary.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        int headerLength = dictionary.length() + padding + 1;
        ByteBuffer bytes = ByteBuffer.allocate(10 + headerLength + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bytes.putShort((short) headerLength);
        bytes.put(dictionary.getBytes(StandardCharsets.ISO_8859_1));
        bytes.put(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII)).put((byte) '\n');
        bytes.put(data);
        return bytes.array();
    }
}
