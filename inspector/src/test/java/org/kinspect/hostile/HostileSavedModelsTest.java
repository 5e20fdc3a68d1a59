package org.kinspect.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.SavedModelWriter;

/**
 * Broken and hostile SavedModel directories and archives: each ends in one
 * {@link KinspectException} line naming the folder (a bad model file: exit 3), never another
 * exception, a read outside the folder, or an allocation the files do not back.
 */
class HostileSavedModelsTest {
    static final String SHARD_0 = "variables/variables.data-00000-of-00002";
    static final String SHARD_1 = "variables/variables.data-00001-of-00002";
    static final String INDEX = "variables/variables.index";

    @TempDir
    Path folder;

    private Path model(String name) throws IOException {
        return SavedModelWriter.dense(4, 3).shards(2).write(folder.resolve(name));
    }

    @Test
    void aTensorWhoseBytesDoNotMatchTheirChecksum() throws IOException {
        Path model = model("bad_crc");
        byte[] shard = Files.readAllBytes(model.resolve(SHARD_0));
        shard[5] ^= 0x10;
        Files.write(model.resolve(SHARD_0), shard);
        assertBadModel(model, "do not match their checksum");
    }

    @Test
    void aDamagedOrTruncatedIndexTable() throws IOException {
        Path model = model("bad_index");
        byte[] index = Files.readAllBytes(model.resolve(INDEX));
        // every byte but the footer's padding (after its four varint handles), which LevelDB does not read either
        int paddingStart = index.length - 48;
        for (int varints = 0; varints < 4; paddingStart++) {
            if (index[paddingStart] >= 0) {
                varints++;
            }
        }
        for (int at = 0; at < index.length; at++) {
            if (at >= paddingStart && at < index.length - 8) {
                continue;
            }
            byte[] damaged = index.clone();
            damaged[at] ^= 0x41;
            Files.write(model.resolve(INDEX), damaged);
            assertBadModel(model, "");
        }
        for (int cut = 0; cut < index.length; cut += 11) {
            Files.write(model.resolve(INDEX), Arrays.copyOf(index, cut));
            assertBadModel(model, "");
        }
    }

    @Test
    void aTensorOutsideItsTruncatedShard() throws IOException {
        Path model = model("truncated_shard");
        byte[] shard = Files.readAllBytes(model.resolve(SHARD_0));
        Files.write(model.resolve(SHARD_0), Arrays.copyOf(shard, shard.length / 2));
        assertBadModel(model, "lie outside");
    }

    @Test
    void aHugeDeclaredShapeIsRefusedBeforeAnyAllocation() throws IOException {
        Path model = SavedModelWriter.dense(4, 3)
                .variable(SavedModelWriter.kernelKey(), SavedModelWriter.FLOAT, new long[] {1L << 31, 1L << 31},
                        new double[12])
                .write(folder.resolve("huge_shape"));
        assertBadModel(model, "the index gives it 48");
        Path overflowing = SavedModelWriter.dense(4, 3)
                .variable(SavedModelWriter.kernelKey(), SavedModelWriter.FLOAT, new long[] {1L << 40, 1L << 40, 1L << 40},
                        new double[12])
                .write(folder.resolve("overflowing_shape"));
        assertBadModel(overflowing, "more values than any file holds");
    }

    @Test
    void aMissingShard() throws IOException {
        Path model = model("missing_shard");
        Files.delete(model.resolve(SHARD_1));
        assertBadModel(model, "missing");
    }

    @Test
    void aShardThatIsASymbolicLinkOutOfTheFolder() throws IOException {
        Path model = model("linked_shard");
        Path outside = Files.write(folder.resolve("secret.bin"), Files.readAllBytes(model.resolve(SHARD_0)));
        Files.delete(model.resolve(SHARD_0));
        Files.createSymbolicLink(model.resolve(SHARD_0), outside);
        assertBadModel(model, "symbolic link out of the SavedModel folder");
    }

    @Test
    void damagedKerasMetadata() throws IOException {
        Path model = model("bad_metadata");
        byte[] metadata = Files.readAllBytes(model.resolve("keras_metadata.pb"));
        Files.write(model.resolve("keras_metadata.pb"), Arrays.copyOf(metadata, metadata.length - 9));
        assertBadModel(model, "");
        Files.write(model.resolve("keras_metadata.pb"), new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        assertBadModel(model, "declares");
    }

    @Test
    void aFolderThatIsNoSavedModel() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("photos"));
        Files.writeString(empty.resolve("notes.txt"), "not a model");
        assertBadModel(empty, "folder without saved_model.pb");
    }

    @Test
    void archivesWithUnsafeEntries() throws IOException {
        Path zip = folder.resolve("escape.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("model/saved_model.pb"));
            out.write(new byte[] {8, 1});
            out.closeEntry();
            out.putNextEntry(new ZipEntry("model/../../evil.txt"));
            out.write(new byte[] {1});
            out.closeEntry();
        }
        assertBadModel(zip, "unsafe path");
        Path tar = folder.resolve("link.tar.gz");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tar)))) {
            TarArchiveEntry marker = new TarArchiveEntry("model/keras_metadata.pb");
            marker.setSize(2);
            out.putArchiveEntry(marker);
            out.write(new byte[] {8, 1});
            out.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("model/variables/variables.index", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }
        assertBadModel(tar, "is a link");
        Path truncated = Files.write(folder.resolve("cut.tar.gz"), Arrays.copyOf(Files.readAllBytes(tar), 30));
        assertBadModel(truncated, "");
    }

    @Test
    void aTarGzThatExpandsFarBeyondItsSize() throws IOException {
        Path bomb = folder.resolve("bomb.tar.gz");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(bomb)))) {
            TarArchiveEntry marker = new TarArchiveEntry("model/keras_metadata.pb");
            marker.setSize(2);
            out.putArchiveEntry(marker);
            out.write(new byte[] {8, 1});
            out.closeArchiveEntry();
            TarArchiveEntry zeros = new TarArchiveEntry("model/variables/variables.data-00000-of-00001");
            zeros.setSize(80L << 20);
            out.putArchiveEntry(zeros);
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 80; i++) {
                out.write(block);
            }
            out.closeArchiveEntry();
        }
        assertTrue(Files.size(bomb) < 1 << 20);
        assertBadModel(bomb, "refusing a likely archive bomb");
    }

    /** One line, starting with the folder's name, a bad model file (exit 3). */
    static void assertBadModel(Path model, String expected) {
        KinspectException error = assertThrows(KinspectException.class, () -> InspectedModel.open(model),
                model + " should be refused");
        String message = error.getMessage();
        assertTrue(message.startsWith(model.toString()), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertEquals(KinspectException.Problem.MODEL_FILE, error.problem(), message);
    }
}
