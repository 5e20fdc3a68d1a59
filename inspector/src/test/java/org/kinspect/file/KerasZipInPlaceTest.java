package org.kinspect.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@code .keras} zip whose {@code model.weights.h5} is stored uncompressed (as Keras writes it) is
 * read in place, not copied: the numbers are Keras's, from the zip itself, the weights read later
 * are read from the zip checked unchanged, and a compressed entry (copied out) gives the same numbers. {@code dense_1mb.keras} is written by Keras 3.16
 * ({@code zip_in_place/make_dense_1mb.py}) with values the test computes again.
 */
class KerasZipInPlaceTest {
    private static final Path FIXTURE = Path.of("src/test/resources/zip_in_place/dense_1mb.keras");
    private static final int INPUTS = 1024;
    private static final int UNITS = 256;

    @TempDir
    Path folder;

    private static float kernel(int row, int column) {
        return row * UNITS + column + 0.5f;
    }

    private static float bias(int unit) {
        return -unit - 0.25f;
    }

    private static void assertKerasNumbers(InspectedModel model) {
        INDArray kernel = model.weights("dense").get("kernel");
        assertArrayEquals(new long[] {INPUTS, UNITS}, kernel.shape());
        for (int row = 0; row < INPUTS; row++) {
            for (int column = 0; column < UNITS; column++) {
                assertEquals(kernel(row, column), kernel.getFloat(row, column));
            }
        }
        INDArray bias = model.weights("dense").get("bias");
        for (int unit = 0; unit < UNITS; unit++) {
            assertEquals(bias(unit), bias.getFloat(unit));
        }
        INDArray w = model.graph().getLayer("dense").getParam("W");
        INDArray b = model.graph().getLayer("dense").getParam("b");
        for (int row = 0; row < INPUTS; row += 7) {
            for (int column = 0; column < UNITS; column++) {
                assertEquals(kernel(row, column), w.getFloat(row, column));
            }
        }
        for (int unit = 0; unit < UNITS; unit++) {
            assertEquals(bias(unit), b.getFloat(unit));
        }
        assertEquals(List.of(), model.warnings());
    }

    @Test
    void theStoredEntryIsFoundWhereZipFileReadsIt() throws IOException {
        try (ZipFile zip = new ZipFile(FIXTURE.toFile()); FileChannel channel = FileChannel.open(FIXTURE)) {
            ZipEntry weights = zip.getEntry(KerasZipReader.WEIGHTS);
            assertEquals(ZipEntry.STORED, weights.getMethod());
            StoredZipEntry.Region region = StoredZipEntry.locate(channel, weights).orElseThrow();
            assertEquals(weights.getSize(), region.size());
            ByteBuffer inPlace = ByteBuffer.allocate((int) region.size());
            channel.read(inPlace, region.start());
            try (InputStream in = zip.getInputStream(weights)) {
                assertArrayEquals(in.readAllBytes(), inPlace.array());
            }
        }
    }

    @Test
    void theWeightsReadInPlaceAreKerasNumbers() throws IOException {
        Path file = Files.copy(FIXTURE, folder.resolve("dense.keras"));
        assertKerasNumbers(InspectedModel.open(file));
    }

    @Test
    void aCompressedEntryIsCopiedOutAndGivesTheSameNumbers() throws IOException {
        Path file = rezipped(folder.resolve("deflated.keras"), ZipEntry.DEFLATED, new byte[0]);
        try (ZipFile zip = new ZipFile(file.toFile()); FileChannel channel = FileChannel.open(file)) {
            assertEquals(Optional.empty(), StoredZipEntry.locate(channel, zip.getEntry(KerasZipReader.WEIGHTS)));
        }
        assertKerasNumbers(InspectedModel.open(file));
    }

    @Test
    void aStoredEntryIsFoundAfterAStubToo() throws IOException {
        // A self-extracting stub before the zip: ZipFile shifts every recorded offset by its length
        // (kinspect opens no such .keras, it does not start as a zip; the place is found as ZipFile finds it).
        byte[] stub = new byte[4099];
        java.util.Arrays.fill(stub, (byte) 0x5A);
        Path file = rezipped(folder.resolve("stub.keras"), ZipEntry.STORED, stub);
        try (ZipFile zip = new ZipFile(file.toFile()); FileChannel channel = FileChannel.open(file)) {
            ZipEntry weights = zip.getEntry(KerasZipReader.WEIGHTS);
            StoredZipEntry.Region region = StoredZipEntry.locate(channel, weights).orElseThrow();
            ByteBuffer inPlace = ByteBuffer.allocate((int) region.size());
            channel.read(inPlace, region.start());
            try (InputStream in = zip.getInputStream(weights)) {
                assertArrayEquals(in.readAllBytes(), inPlace.array());
            }
        }
    }

    @Test
    void aStoredWeightsEntryThatIsNoHdf5IsRefusedInOneLineAsACopiedOneWas() throws IOException {
        for (int method : new int[] {ZipEntry.STORED, ZipEntry.DEFLATED}) {
            Path file = rezipped(folder.resolve("garbage" + method + ".keras"), method, new byte[0],
                    "not an HDF5 file at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            KinspectException error = assertThrows(KinspectException.class, () -> InspectedModel.open(file));
            assertEquals(KinspectException.Problem.MODEL_FILE, error.problem());
            assertEquals(file + ": model.weights.h5 in the .keras zip is damaged (No valid HDF5 signature found)",
                    error.getMessage());
        }
    }

    @Test
    void aZipRewrittenAfterOpeningIsRefusedWhenItsWeightsAreRead() throws IOException {
        Path file = Files.copy(FIXTURE, folder.resolve("changing.keras"));
        InspectedModel described = InspectedModel.open(file, ImportOptions.defaults().withDescribeOnly(true));
        // Another zip in its place: a stub moves the weights, so that their old place holds other bytes.
        Path other = rezipped(folder.resolve("other.keras"), ZipEntry.STORED, new byte[512]);
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertChangedOrGone(file, () -> described.weights("dense"));
    }

    @Test
    void aZipDeletedAfterOpeningIsRefusedWhenItsWeightsAreRead() throws IOException {
        Path file = Files.copy(FIXTURE, folder.resolve("deleted.keras"));
        InspectedModel described = InspectedModel.open(file, ImportOptions.defaults().withDescribeOnly(true));
        Files.delete(file);
        assertChangedOrGone(file, () -> described.weights("dense"));
    }

    private static void assertChangedOrGone(Path file, org.junit.jupiter.api.function.Executable reading) {
        KinspectException error = assertThrows(KinspectException.class, reading);
        assertEquals(KinspectException.Problem.MODEL_FILE, error.problem());
        assertTrue(error.getMessage().startsWith(file + ": the file changed or is gone since the model was opened"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("open the model again"), error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }

    /** The fixture's entries written again with {@code method}, after {@code stub}. */
    private static Path rezipped(Path target, int method, byte[] stub) throws IOException {
        return rezipped(target, method, stub, null);
    }

    /** As {@link #rezipped(Path, int, byte[])}, with other bytes for the weights when {@code weights} is not null. */
    private static Path rezipped(Path target, int method, byte[] stub, byte[] weights) throws IOException {
        try (ZipFile source = new ZipFile(FIXTURE.toFile());
                OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            file.write(stub);
            ZipOutputStream out = new ZipOutputStream(file);
            Enumeration<? extends ZipEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = source.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (weights != null && entry.getName().equals(KerasZipReader.WEIGHTS)) {
                    bytes = weights;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                }
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
            out.finish();
        }
        return target;
    }
}
