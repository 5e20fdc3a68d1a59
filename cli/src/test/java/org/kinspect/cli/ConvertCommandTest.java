package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code kinspect convert} on the sine LSTM sample, then every command on the converted file alone:
 * summary, verify against Keras's reference, inspect, weights, memory; and the converted file's
 * refusals (a newer format, an existing output) with their exit codes.
 */
class ConvertCommandTest {

    @TempDir Path folder;

    private Path convert() {
        Path converted = folder.resolve("sine_lstm.zip");
        Kinspect.Result result = Kinspect.run("convert", TestFiles.samples().resolve("sine_lstm.keras").toString(),
                "-o", converted.toString(), "-q");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("written     " + converted), result.out());
        assertTrue(Files.isRegularFile(converted));
        return converted;
    }

    @Test
    void everyCommandReadsTheConvertedFileAlone() throws IOException {
        Path converted = convert();
        Kinspect.Result summary = Kinspect.run("summary", converted.toString(), "-q");
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("Keras 3 .keras zip, converted by kinspect"), summary.out());
        Kinspect.Result fresh = Kinspect.run("summary", TestFiles.samples().resolve("sine_lstm.keras").toString(), "-q");
        assertEquals(fresh.outLines().subList(2, fresh.outLines().size()), summary.outLines().subList(2, summary.outLines().size()));

        Kinspect.Result verify = Kinspect.run("verify", converted.toString(), "--reference",
                TestFiles.samples().resolve("sine_lstm_io.h5").toString(), "-q");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());

        Kinspect.Result inspect = Kinspect.run(converted.toString(), "--input",
                TestFiles.samples().resolve("sine_lstm_input.npy").toString(), "-q", "--json");
        assertEquals(0, inspect.exitCode(), inspect.err());
        JsonNode layers = new ObjectMapper().readTree(inspect.out()).get("layers");
        assertEquals(5, layers.size(), inspect.out());

        Kinspect.Result weights = Kinspect.run("weights", converted.toString(), "--layer", "lstm_1", "-q");
        assertEquals(0, weights.exitCode(), weights.err());
        assertTrue(weights.out().contains("recurrent_kernel"), weights.out());

        Kinspect.Result memory = Kinspect.run("memory", converted.toString(), "-q");
        assertEquals(0, memory.exitCode(), memory.err());
    }

    @Test
    void jsonSaysWhatWasWritten() throws IOException {
        Path converted = folder.resolve("model.zip");
        Kinspect.Result result = Kinspect.run("convert", TestFiles.samples().resolve("two_inputs.h5").toString(),
                "-o", converted.toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals("HDF5_MODEL", json.get("format").asText());
        assertEquals(Files.size(converted), json.get("bytes").asLong());
        assertEquals(2, json.get("converted_format_version").asInt());
        assertEquals("[\"image\",\"meta\"]", json.get("inputs").toString());
    }

    @Test
    void refusesToReplaceAFileWithoutForce() {
        Path converted = convert();
        Kinspect.Result again = Kinspect.run("convert", TestFiles.samples().resolve("sine_lstm.keras").toString(),
                "-o", converted.toString(), "-q");
        assertEquals(4, again.exitCode());
        assertEquals(List.of("kinspect: " + converted + ": already exists; add --force to replace it"), again.errLines());
        Kinspect.Result forced = Kinspect.run("convert", TestFiles.samples().resolve("sine_lstm.keras").toString(),
                "-o", converted.toString(), "-q", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
    }

    @Test
    void aNewerOrDamagedConvertedFileGetsOneLineAndItsExitCode() throws IOException {
        Path converted = convert();
        Path newer = folder.resolve("newer.zip");
        Path damaged = folder.resolve("damaged.zip");
        try (ZipFile zip = new ZipFile(converted.toFile());
                ZipOutputStream newerOut = new ZipOutputStream(Files.newOutputStream(newer));
                ZipOutputStream damagedOut = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                newerOut.putNextEntry(new ZipEntry(entry.getName()));
                damagedOut.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("kinspect/converted.json")) {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    newerOut.write(text.replace("\"format_version\" : 2,", "\"format_version\" : 3,").getBytes(StandardCharsets.UTF_8));
                    damagedOut.write(text.substring(0, 100).getBytes(StandardCharsets.UTF_8));
                } else {
                    newerOut.write(bytes);
                    damagedOut.write(bytes);
                }
                newerOut.closeEntry();
                damagedOut.closeEntry();
            }
        }
        Kinspect.Result newerResult = Kinspect.run("summary", newer.toString(), "-q");
        assertEquals(5, newerResult.exitCode(), newerResult.err());
        assertEquals(1, newerResult.errLines().size(), newerResult.err());
        assertTrue(newerResult.err().contains("converted by a newer kinspect"), newerResult.err());

        Kinspect.Result damagedResult = Kinspect.run("summary", damaged.toString(), "-q");
        assertEquals(3, damagedResult.exitCode(), damagedResult.err());
        assertEquals(1, damagedResult.errLines().size(), damagedResult.err());
        assertFalse(damagedResult.err().contains("Exception"), damagedResult.err());
    }
}
