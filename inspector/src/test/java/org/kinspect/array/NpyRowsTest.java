package org.kinspect.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every row range of the numpy-written fixtures (all dtypes, both byte orders, Fortran order,
 * format versions 2 and 3) read by {@link NpyRows} equals the same rows of the whole file as
 * {@link NpyFile#read} gives it.
 */
class NpyRowsTest {

    @TempDir
    Path temporary;

    @ParameterizedTest
    @ValueSource(strings = {"float16.npy", "float16_special.npy", "float32.npy", "float64.npy", "int8.npy",
        "int16.npy", "int32.npy", "int64.npy", "uint8.npy", "uint16.npy", "uint32.npy", "uint64.npy", "bool.npy",
        "big_endian_float32.npy", "big_endian_int16.npy", "fortran_float32.npy", "version2.npy", "version3.npy",
        "vector.npy"})
    void everyRowRangeEqualsTheWholeFileRead(String name) {
        Path file = fixture(name);
        INDArray whole = NpyFile.read(file);
        try (NpyRows rows = NpyRows.open(file)) {
            assertEquals(whole.size(0), rows.count(), name);
            for (long from = 0; from <= rows.count(); from++) {
                for (long to = from; to <= rows.count(); to++) {
                    assertRowsEqual(whole, from, to, rows.read(from, to), name);
                }
            }
        }
    }

    @Test
    void fortranOrderRunsLongerThanTheReadBufferAreGathered() throws Exception {
        // 3 columns of 1.2 million rows: each column's run is bigger than one read chunk.
        int count = 1_200_000;
        Path file = temporary.resolve("fortran.npy");
        writeFortranFloat32(file, count, 3);
        try (NpyRows rows = NpyRows.open(file)) {
            assertArrayEquals(new long[] {3}, rows.rowShape());
            INDArray batch = rows.read(0, count);
            assertEquals('c', batch.ordering());
            for (int row : new int[] {0, 1, 777_777, count - 1}) {
                for (int column = 0; column < 3; column++) {
                    assertEquals(fortranValue(row, column, count), batch.getFloat(row, column), 0f);
                }
            }
            INDArray middle = rows.read(500_000, 500_003);
            assertEquals(fortranValue(500_002, 2, count), middle.getFloat(2, 2), 0f);
        }
    }

    @Test
    void aLargeCOrderFileReadInBatchesEqualsTheWholeFile() {
        INDArray values = Nd4j.linspace(-1, 1, 3_000_000, DataType.FLOAT).reshape(1_000_000, 3);
        Path file = temporary.resolve("large.npy");
        NpyFile.write(file, values);
        try (NpyRows rows = NpyRows.open(file)) {
            for (long from = 0; from < rows.count(); from += 300_001) {
                long to = Math.min(rows.count(), from + 300_001);
                assertRowsEqual(values, from, to, rows.read(from, to), "large.npy");
            }
        }
    }

    @Test
    void emptyFilesHaveNoRows() {
        try (NpyRows rows = NpyRows.open(fixture("empty.npy"))) {
            INDArray none = rows.read(0, rows.count());
            assertEquals(0, none.length());
        }
    }

    @Test
    void aZeroDimensionalArrayIsRefusedWithAHint() {
        NpyFormatException problem = assertThrows(NpyFormatException.class, () -> NpyRows.open(fixture("scalar.npy")));
        assertTrue(problem.getMessage().contains("0-d array"), problem.getMessage());
        assertTrue(problem.getMessage().contains("np.stack"), problem.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedWhenOpened() {
        NpyFormatException problem = assertThrows(NpyFormatException.class, () -> NpyRows.open(fixture("truncated.npy")));
        assertTrue(problem.getMessage().contains("cut short"), problem.getMessage());
    }

    @Test
    void rangesOutsideTheFileAreProgrammingErrors() {
        try (NpyRows rows = NpyRows.open(fixture("float32.npy"))) {
            assertThrows(IllegalArgumentException.class, () -> rows.read(-1, 1));
            assertThrows(IllegalArgumentException.class, () -> rows.read(1, 0));
            assertThrows(IllegalArgumentException.class, () -> rows.read(0, rows.count() + 1));
        }
    }

    private static void assertRowsEqual(INDArray whole, long from, long to, INDArray read, String name) {
        long[] shape = whole.shape().clone();
        shape[0] = to - from;
        assertArrayEquals(shape, read.shape(), name + " rows " + from + ".." + to);
        if (to == from) {
            return;
        }
        float[] expected = whole.get(NDArrayIndex.interval(from, to)).dup('c').data().asFloat();
        float[] actual = read.dup('c').data().asFloat();
        assertArrayEquals(expected, actual, 0f, name + " rows " + from + ".." + to);
    }

    private static float fortranValue(int row, int column, int count) {
        return row * 0.5f - column * count;
    }

    /** A (count, columns) float32 array stored column after column, as np.asfortranarray saves it. */
    private static void writeFortranFloat32(Path file, int count, int columns) throws Exception {
        String dictionary = "{'descr': '<f4', 'fortran_order': True, 'shape': (" + count + ", " + columns + "), }";
        int headerLength = dictionary.length() + 1;
        headerLength += (64 - (10 + headerLength) % 64) % 64;
        ByteBuffer bytes = ByteBuffer.allocate(10 + headerLength + count * columns * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bytes.putShort((short) headerLength);
        bytes.put(dictionary.getBytes(StandardCharsets.US_ASCII));
        bytes.put(" ".repeat(headerLength - dictionary.length() - 1).getBytes(StandardCharsets.US_ASCII)).put((byte) '\n');
        for (int column = 0; column < columns; column++) {
            for (int row = 0; row < count; row++) {
                bytes.putFloat(fortranValue(row, column, count));
            }
        }
        Files.write(file, bytes.array());
    }

    private static Path fixture(String name) {
        try {
            return Path.of(NpyRowsTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
