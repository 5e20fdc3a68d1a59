package org.kinspect.keras3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFile;

/**
 * {@code .keras} zips are untrusted: each hostile or broken zip built here must end in one
 * {@link KinspectException} of one line that says what is wrong, before anything large is read.
 */
class Keras3ZipSafetyTest {
    @TempDir
    Path folder;

    @Test
    void anEntryThatClimbsOutOfTheZipIsRefused() throws IOException {
        Map<String, byte[]> entries = realEntries();
        entries.put("assets/../../evil.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertRefused(zip("climb.keras", entries), "unsafe path");
    }

    @Test
    void anAbsoluteEntryIsRefused() throws IOException {
        Map<String, byte[]> entries = realEntries();
        entries.put("/etc/evil.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertRefused(zip("absolute.keras", entries), "unsafe path");
    }

    @Test
    void aSymbolicLinkEntryIsRefused() throws IOException {
        Map<String, byte[]> entries = realEntries();
        entries.put("assets/passwords", "/etc/passwd".getBytes(StandardCharsets.UTF_8));
        Path file = zip("symlink.keras", entries);
        makeSymbolicLink(file, "assets/passwords");
        assertRefused(file, "symbolic link ('assets/passwords')");
    }

    @Test
    void aZipWithoutConfigIsRefused() throws IOException {
        Map<String, byte[]> entries = realEntries();
        entries.remove("config.json");
        assertRefused(zip("no_config.keras", entries), "without config.json");
    }

    @Test
    void aZipWithoutWeightsIsRefused() throws IOException {
        Map<String, byte[]> entries = realEntries();
        entries.remove("model.weights.h5");
        assertRefused(zip("no_weights.keras", entries), "no model.weights.h5");
    }

    @Test
    void aZipHoldingConfigTwiceIsRefused() throws IOException {
        Map<String, byte[]> entries = realEntries();
        entries.put("config.jsoX", "{}".getBytes(StandardCharsets.UTF_8));
        Path file = zip("duplicate.keras", entries);
        // ZipOutputStream will not write a name twice; rename the extra entry in place.
        byte[] bytes = Files.readAllBytes(file);
        replaceAll(bytes, "config.jsoX".getBytes(StandardCharsets.UTF_8), "config.json".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes);
        assertRefused(file, "twice");
    }

    @Test
    void anEntryDeclaringAHugeSizeIsRefusedBeforeItIsRead() throws IOException {
        Path file = zip("declared_bomb.keras", realEntries());
        setDeclaredSize(file, "model.weights.h5", 0xFFFF_FFF0L);
        assertRefused(file, "zip bomb");
    }

    @Test
    void anEntryThatExpandsAThousandfoldIsRefused() throws IOException {
        Map<String, byte[]> entries = realEntries();
        entries.put("assets/zeros.bin", new byte[64 << 20]); // deflates to about 64 KB
        assertRefused(zip("deflate_bomb.keras", entries), "zip bomb");
    }

    @Test
    void anEntryHoldingMoreThanItDeclaresIsRefused() throws IOException {
        Path file = zip("lying.keras", realEntries());
        long actual;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            actual = zip.getEntry("config.json").getSize();
        }
        setDeclaredSize(file, "config.json", actual / 2);
        assertRefused(file, "more bytes than it declares");
    }

    @Test
    void aTruncatedZipIsReportedAsDamaged() throws IOException {
        byte[] bytes = Files.readAllBytes(Keras3FixturesTest.fixture("dense_mlp.keras"));
        Path file = folder.resolve("truncated.keras");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(file, "damaged");
    }

    @Test
    void theUntouchedZipStillOpens() throws IOException {
        Path file = zip("fine.keras", realEntries());
        assertEquals("3.16.0", KerasFile.open(file).kerasVersion());
    }

    private static void assertRefused(Path file, String expected) {
        KinspectException error = assertThrows(KinspectException.class, () -> KerasFile.open(file));
        String message = error.getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith(file.toString()), message);
        assertFalse(message.contains("\n"), message);
    }

    /** The entries of a real Keras 3 file, in their order. */
    private static Map<String, byte[]> realEntries() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(Keras3FixturesTest.fixture("dense_mlp.keras").toFile())) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        Path file = folder.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** Rewrites the uncompressed size the central directory declares for one entry. */
    private static void setDeclaredSize(Path file, String entryName, long size) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 <= bytes.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && buffer.getShort(at + 28) == name.length
                    && Arrays.equals(Arrays.copyOfRange(bytes, at + 46, at + 46 + name.length), name)) {
                buffer.putInt(at + 24, (int) size);
                Files.write(file, bytes);
                return;
            }
        }
        throw new IllegalStateException("no central directory entry " + entryName);
    }

    /** Marks an entry as a Unix symbolic link in the central directory, as Info-ZIP's zip -y does. */
    private static void makeSymbolicLink(Path file, String entryName) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 <= bytes.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && buffer.getShort(at + 28) == name.length
                    && Arrays.equals(Arrays.copyOfRange(bytes, at + 46, at + 46 + name.length), name)) {
                buffer.putShort(at + 4, (short) ((3 << 8) | 20)); // made by Unix, zip 2.0
                buffer.putInt(at + 38, 0120777 << 16);           // lrwxrwxrwx
                Files.write(file, bytes);
                return;
            }
        }
        throw new IllegalStateException("no central directory entry " + entryName);
    }

    private static void replaceAll(byte[] bytes, byte[] from, byte[] to) {
        for (int at = 0; at + from.length <= bytes.length; at++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, at, at + from.length), from)) {
                System.arraycopy(to, 0, bytes, at, to.length);
            }
        }
    }
}
