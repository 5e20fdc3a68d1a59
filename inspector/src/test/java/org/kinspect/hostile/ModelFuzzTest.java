package org.kinspect.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.safety.TimeLimit;

/**
 * Fuzzing: a few hundred seeded mutations (bit flips, truncations, chunk swaps, random chunks) of
 * two real model files, a Keras 2 {@code .h5} from the corpus and a Keras 3 {@code .keras} fixture.
 * Every mutant must import or fail with one {@link KinspectException} line within the time limit;
 * the mutants that import then run a forward pass in a child JVM, where a native crash is caught
 * as the child's death instead of taking the suite down.
 *
 * <p>Half the mutations aim at what the file is made of: the {@code model_config} text of the
 * {@code .h5}, the {@code config.json} or {@code model.weights.h5} inside the {@code .keras} (zipped
 * again), so that they reach the configuration reader and the importer instead of only the
 * container's checksums.
 *
 * <p>Reproducible: case {@code n} uses {@link #caseRandom}. A longer run, on other models:
 * {@code -Dkinspect.fuzz.cases=5000 -Dkinspect.fuzz.seed=2
 * -Dkinspect.fuzz.keras2=dl4j-test-resources/modelimport/keras/examples/conv1d/conv1d_k2_s1_d1_cf_same_model.h5
 * -Dkinspect.fuzz.keras3=conv1d.keras} (a corpus path; a fixture of {@code src/test/resources/keras3}).
 */
class ModelFuzzTest {
    private static final int CASES_PER_FILE = Integer.getInteger("kinspect.fuzz.cases", 150);
    private static final long SEED = Long.getLong("kinspect.fuzz.seed", 1);
    /** -Dkinspect.fuzz.verbose=true prints every mutant's outcome. */
    private static final boolean VERBOSE = Boolean.getBoolean("kinspect.fuzz.verbose");
    /** Each import of these small models takes well under a second; past this is a hang. */
    private static final String SECONDS_PER_CASE = "10";

    @TempDir
    Path folder;

    @Test
    void mutatedKeras2ModelsImportOrFailInOneLine() throws Exception {
        String other = System.getProperty("kinspect.fuzz.keras2");
        byte[] original = Files.readAllBytes(other == null ? HostileModelFilesTest.corpus("model.h5")
                : org.kinspect.Corpus.root().resolve(other));
        int[] config = region(original, "{\"class_name\"");
        fuzz("keras2", original, ".h5", (random, bytes) -> switch (random.nextInt(3)) {
            case 0 -> mutate(random, bytes, 0, bytes.length);
            case 1 -> mutate(random, bytes, config[0], config[1]);
            default -> rewriteNumber(random, bytes, config[0], config[1]);
        });
    }

    @Test
    void mutatedKeras3ModelsImportOrFailInOneLine() throws Exception {
        byte[] original = Files.readAllBytes(keras3Fixture(System.getProperty("kinspect.fuzz.keras3", "dense_mlp.keras")));
        Map<String, byte[]> entries = entries(original);
        fuzz("keras3", original, ".keras", (random, bytes) -> switch (random.nextInt(4)) {
            case 0 -> mutate(random, bytes, 0, bytes.length);
            case 1 -> rezipped(entries, "config.json", random, false);
            case 2 -> rezipped(entries, "config.json", random, true);
            default -> rezipped(entries, "model.weights.h5", random, false);
        });
    }

    /**
     * A model converted by kinspect ({@code InspectedModel.save}): mutations of the whole zip, of
     * kinspect's metadata (text and numbers), of DL4J's configuration and of its parameters. A
     * converted file is as untrusted as a Keras file.
     */
    @Test
    void mutatedConvertedModelsOpenOrFailInOneLine() throws Exception {
        Path converted = folder.resolve("converted-original.zip");
        InspectedModel.open(keras3Fixture(System.getProperty("kinspect.fuzz.keras3", "dense_mlp.keras"))).save(converted);
        byte[] original = Files.readAllBytes(converted);
        Map<String, byte[]> entries = entries(original);
        fuzz("converted", original, ".zip", (random, bytes) -> switch (random.nextInt(5)) {
            case 0 -> mutate(random, bytes, 0, bytes.length);
            case 1 -> rezipped(entries, org.kinspect.file.ConvertedZip.METADATA, random, false);
            case 2 -> rezipped(entries, org.kinspect.file.ConvertedZip.METADATA, random, true);
            case 3 -> rezipped(entries, "configuration.json", random, random.nextBoolean());
            default -> rezipped(entries, "coefficients.bin", random, false);
        });
    }

    /**
     * A tf.keras SavedModel folder, zipped: the corpus's GRU SavedModel when the corpus is there,
     * else a Dense one written by {@link org.kinspect.file.SavedModelWriter}. Mutations aim at the
     * Keras metadata (bytes and numbers of its JSON), the checkpoint index, the data shard, or the zip.
     */
    @Test
    void mutatedSavedModelsImportOrFailInOneLine() throws Exception {
        Path corpusModel = org.kinspect.Corpus.rootIfPresent()
                .map(root -> root.resolve("savedmodel/Pranav-01__Stock-Price-Prediction__gru_model"))
                .filter(Files::isDirectory).orElse(null);
        Path directory = corpusModel != null ? corpusModel
                : org.kinspect.file.SavedModelWriter.dense(4, 3).write(folder.resolve("written"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.put("model/" + directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        byte[] original = zipped(entries);
        fuzz("savedmodel", original, ".zip", (random, bytes) -> switch (random.nextInt(5)) {
            case 0 -> mutate(random, bytes, 0, bytes.length);
            case 1 -> rezipped(entries, "model/keras_metadata.pb", random, false);
            case 2 -> rezipped(entries, "model/keras_metadata.pb", random, true);
            case 3 -> rezipped(entries, "model/variables/variables.index", random, false);
            default -> rezipped(entries, "model/variables/variables.data-00000-of-00001", random, false);
        });
    }

    private static byte[] zipped(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return zip.toByteArray();
    }

    interface Mutation {
        Mutated apply(Random random, byte[] original) throws IOException;
    }

    /** A mutant and how it was made, for the failure message. */
    record Mutated(byte[] bytes, String how) {}

    private void fuzz(String name, byte[] original, String extension, Mutation mutation) throws Exception {
        Path imported = Files.createDirectories(folder.resolve(name + "-imported"));
        List<String> failures = new ArrayList<>();
        Map<String, String> howByFile = new LinkedHashMap<>();
        int importedCount = 0;
        String previousLimit = System.setProperty(TimeLimit.PROPERTY, SECONDS_PER_CASE);
        try {
            for (int n = 0; n < CASES_PER_FILE; n++) {
                Mutated mutant = mutation.apply(caseRandom(n), original);
                String fileName = String.format("%s-%04d%s", name, n, extension);
                Path file = Files.write(folder.resolve(fileName), mutant.bytes());
                String outcome = importOutcome(file);
                if (VERBOSE) {
                    System.out.println(fileName + " (" + mutant.how() + "): " + outcome);
                }
                if (outcome.equals("imported")) {
                    Files.move(file, imported.resolve(fileName));
                    howByFile.put(fileName, mutant.how());
                    importedCount++;
                } else if (!outcome.equals("refused")) {
                    failures.add("case " + n + " (" + mutant.how() + "): " + outcome);
                }
            }
        } finally {
            restore(previousLimit);
        }
        assertEquals(List.of(), failures, "mutants of " + name + " that neither import nor fail in one line");
        List<String> childFailures = forwardPasses(imported, howByFile);
        assertEquals(List.of(), childFailures, "forward passes of imported mutants of " + name);
        System.out.printf("fuzz %s: %d mutants, %d imported and ran a forward pass in a child JVM%n",
                name, CASES_PER_FILE, importedCount);
    }

    private static String importOutcome(Path file) {
        try {
            InspectedModel.open(file).warnings();
            return "imported";
        } catch (KinspectException e) {
            String message = e.getMessage();
            boolean oneLine = message != null && !message.isBlank() && !message.contains("\n") && !message.contains("\r");
            if (VERBOSE) {
                System.out.println(message);
            }
            return oneLine ? "refused" : "a KinspectException of several lines: " + message;
        } catch (Throwable e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Runs the imported mutants in a child JVM; a crash or a hang there is a failure here. */
    private static List<String> forwardPasses(Path folder, Map<String, String> howByFile) throws Exception {
        if (howByFile.isEmpty()) {
            return List.of();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-D" + TimeLimit.PROPERTY + "=" + SECONDS_PER_CASE,
                "-Dorg.bytedeco.javacpp.logger=slf4j", "-cp", System.getProperty("java.class.path"),
                ForwardPassChild.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                child.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the child died; what it printed is in output
            }
        });
        reader.start();
        long limitSeconds = 60 + 5L * howByFile.size();
        boolean ended = child.waitFor(limitSeconds, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        reader.join(10_000);
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> failures = new ArrayList<>();
        String started = null;
        for (String line : lines) {
            if (line.startsWith("START ")) {
                started = line.substring(6);
            } else if (line.startsWith("BROKEN")) {
                failures.add(line + " (" + howByFile.get(started) + ")");
                started = null;
            } else if (line.startsWith("RAN ") || line.startsWith("REFUSED ") || line.startsWith("SKIPPED")) {
                started = null;
            }
        }
        if (!ended || child.exitValue() != 0 || !lines.contains("FINISHED")) {
            failures.add("the child JVM " + (ended ? "exited with " + child.exitValue() : "hung for " + limitSeconds
                    + " s") + (started == null ? "" : " on " + started + " (" + howByFile.get(started) + ")")
                    + "; last lines: " + lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        return failures;
    }

    /** Java's Random gives correlated first values for neighbouring seeds; SplittableRandom mixes them. */
    static Random caseRandom(int n) {
        return new Random(new java.util.SplittableRandom(SEED * 1_000_003 + n).nextLong());
    }

    /**
     * Rewrites the digits of one number in JSON text in place, keeping its length (an HDF5
     * attribute cannot grow): {@code 50} may become {@code 00}, {@code -1} or {@code 97}, so that
     * the configuration stays JSON and asks for sizes of zero, negative or other sizes.
     */
    static Mutated rewriteNumber(Random random, byte[] original, int from, int length) {
        byte[] bytes = original.clone();
        List<Integer> starts = new ArrayList<>();
        for (int at = from; at < from + length; at++) {
            boolean digit = bytes[at] >= '0' && bytes[at] <= '9';
            boolean afterDigit = at > 0 && bytes[at - 1] >= '0' && bytes[at - 1] <= '9';
            if (digit && !afterDigit && bytes[at - 1] != '.') {
                starts.add(at);
            }
        }
        int start = starts.get(random.nextInt(starts.size()));
        int end = start;
        while (end < bytes.length && bytes[end] >= '0' && bytes[end] <= '9') {
            end++;
        }
        String before = new String(bytes, start, end - start, StandardCharsets.US_ASCII);
        for (int at = start; at < end; at++) {
            bytes[at] = (byte) ('0' + random.nextInt(10));
        }
        if (end - start > 1 && random.nextInt(3) == 0) {
            bytes[start] = '-';
        }
        if (random.nextInt(4) == 0) {
            java.util.Arrays.fill(bytes, start, end, (byte) '0');
        }
        String after = new String(bytes, start, end - start, StandardCharsets.US_ASCII);
        return new Mutated(bytes, "number at " + start + " rewritten: " + before + " -> " + after);
    }

    /** One of: flip 1-8 bits, truncate, swap two chunks, overwrite a chunk with random bytes; within [from, from+length). */
    static Mutated mutate(Random random, byte[] original, int from, int length) {
        byte[] bytes = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                StringBuilder at = new StringBuilder();
                for (int i = 0; i < flips; i++) {
                    int position = from + random.nextInt(length);
                    int bit = random.nextInt(8);
                    bytes[position] ^= (byte) (1 << bit);
                    at.append(i == 0 ? "" : ",").append(position).append('.').append(bit);
                }
                return new Mutated(bytes, "bits flipped at " + at);
            }
            case 1 -> {
                int cut = from + random.nextInt(length);
                return new Mutated(java.util.Arrays.copyOf(bytes, cut), "truncated to " + cut + " bytes");
            }
            case 2 -> {
                int size = 1 + random.nextInt(Math.max(1, Math.min(512, length / 2)));
                int a = from + random.nextInt(Math.max(1, length - size));
                int b = from + random.nextInt(Math.max(1, length - size));
                byte[] chunk = java.util.Arrays.copyOfRange(bytes, a, a + size);
                System.arraycopy(bytes, b, bytes, a, size);
                System.arraycopy(chunk, 0, bytes, b, size);
                return new Mutated(bytes, size + " bytes swapped between " + a + " and " + b);
            }
            default -> {
                int size = 1 + random.nextInt(Math.max(1, Math.min(64, length)));
                int at = from + random.nextInt(Math.max(1, length - size));
                byte[] noise = new byte[size];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, bytes, at, size);
                return new Mutated(bytes, size + " random bytes at " + at);
            }
        }
    }

    private static Mutated rezipped(Map<String, byte[]> entries, String target, Random random, boolean number)
            throws IOException {
        byte[] inner = entries.get(target);
        Mutated mutated = number ? rewriteNumber(random, inner, 0, inner.length) : mutate(random, inner, 0, inner.length);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getKey().equals(target) ? mutated.bytes() : entry.getValue());
                out.closeEntry();
            }
        }
        return new Mutated(zip.toByteArray(), target + ": " + mutated.how());
    }

    private static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Path temporary = Files.createTempFile("kinspect-fuzz-", ".keras");
        try {
            Files.write(temporary, zipBytes);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(temporary.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
                }
            }
            return entries;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** @return the offset and length of the JSON text that starts with {@code start} */
    private static int[] region(byte[] bytes, String start) {
        byte[] find = start.getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + find.length <= bytes.length; at++) {
            if (java.util.Arrays.equals(bytes, at, at + find.length, find, 0, find.length)) {
                int end = at;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                return new int[] {at, end - at};
            }
        }
        throw new AssertionError("no " + start + " in the file");
    }

    static Path keras3Fixture(String fileName) throws java.net.URISyntaxException {
        return Path.of(ModelFuzzTest.class.getResource("/keras3/" + fileName).toURI());
    }

    private static void restore(String previousLimit) {
        if (previousLimit == null) {
            System.clearProperty(TimeLimit.PROPERTY);
        } else {
            System.setProperty(TimeLimit.PROPERTY, previousLimit);
        }
    }
}
