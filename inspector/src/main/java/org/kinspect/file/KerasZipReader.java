package org.kinspect.file;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.kinspect.errors.KinspectException;
import org.kinspect.safety.UntrustedJson;

/**
 * Reads a {@code .keras} zip of Keras 3 or of tf.keras 2.13-2.15: {@code metadata.json},
 * {@code config.json} and {@code model.weights.h5}, the weights as the file groups them (by class
 * and counter, {@code layers/dense_1/vars/0}; {@code weights.Keras3WeightGroups} names them from
 * the configuration).
 *
 * <p>The zip is treated as untrusted. Nothing is extracted; only the three entries are read, each
 * no further than the size the zip declares for it. Entries with {@code ../} or absolute paths,
 * duplicate names, symbolic links and entries that expand far beyond their stored size are refused
 * before anything is read: no zip Keras writes has them.
 */
final class KerasZipReader {
    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";
    /** Keras refuses members that expand more than this many times (saving_lib, CWE-409). */
    static final long MAX_EXPANSION = 100;
    /** Below this size an entry may expand as much as it likes: small JSON compresses well. */
    static final long EXPANSION_FLOOR_BYTES = 16L << 20;
    /** A configuration larger than this is no Keras model. */
    static final long MAX_JSON_BYTES = 256L << 20;
    static final int MAX_ENTRIES = 100_000;

    private KerasZipReader() {}

    static StoredModel read(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
            Map<String, ZipEntry> entries = checkedEntries(zip, path);
            ZipSymlinks.first(path).ifPresent(link -> {
                throw KinspectException.modelFile(path + ": the .keras zip has an entry that is a symbolic link ('" + link
                        + "'); refusing it");
            });
            ZipEntry configEntry = entries.get(CONFIG);
            if (configEntry == null) {
                throw KinspectException.modelFile(path + ": a zip without " + CONFIG + ", so not a Keras model (.keras)");
            }
            ZipEntry weightsEntry = entries.get(WEIGHTS);
            if (weightsEntry == null) {
                throw KinspectException.modelFile(path + ": the .keras file has no " + WEIGHTS + missingWeightsHint(entries));
            }
            String config = readText(zip, configEntry, path);
            String kerasVersion = null;
            ZipEntry metadata = entries.get(METADATA);
            if (metadata != null) {
                kerasVersion = versionFrom(readText(zip, metadata, path), path);
            }
            StoredWeights weights = readWeights(zip, weightsEntry, path);
            return new StoredModel(path, KerasFormat.KERAS_ZIP, config, null, kerasVersion, null, weights);
        } catch (ZipException e) {
            throw KinspectException.modelFile(path + ": the .keras zip is damaged (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw KinspectException.modelFile(path + ": cannot read the .keras zip (" + e.getMessage() + ")", e);
        }
    }

    /** Every entry by name, after refusing what no Keras zip holds. */
    static Map<String, ZipEntry> checkedEntries(ZipFile zip, Path path) {
        Map<String, ZipEntry> byName = new HashMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            if (byName.size() >= MAX_ENTRIES) {
                throw KinspectException.modelFile(path + ": the zip has more than " + MAX_ENTRIES
                        + " entries; refusing it as damaged or hostile");
            }
            if (isUnsafeName(name)) {
                throw KinspectException.modelFile(path + ": the zip has an entry with an unsafe path ('" + name
                        + "'); refusing it");
            }
            if (byName.put(name, entry) != null) {
                throw KinspectException.modelFile(path + ": the zip holds '" + name
                        + "' twice; refusing it as damaged or tampered with");
            }
            checkExpansion(entry, path);
        }
        return byName;
    }

    static boolean isUnsafeName(String name) {
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : slashed.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    static void checkExpansion(ZipEntry entry, Path path) {
        long size = entry.getSize();
        long stored = Math.max(entry.getCompressedSize(), 1);
        if (size > EXPANSION_FLOOR_BYTES && size > MAX_EXPANSION * stored) {
            throw KinspectException.modelFile(path + ": entry '" + entry.getName() + "' of the zip declares "
                    + size + " bytes from " + stored + " stored bytes; refusing a likely zip bomb");
        }
    }

    private static String missingWeightsHint(Map<String, ZipEntry> entries) {
        if (entries.containsKey("model.weights.json")) {
            return " (its weights are sharded into several files, which kinspect does not read yet)";
        }
        if (entries.containsKey("model.weights.npz")) {
            return " (its weights are in .npz form, which kinspect does not read yet)";
        }
        return ", so it holds no weights; save the model with model.save(\"model.keras\")";
    }

    private static String readText(ZipFile zip, ZipEntry entry, Path path) throws IOException {
        if (entry.getSize() > MAX_JSON_BYTES) {
            throw KinspectException.modelFile(path + ": " + entry.getName() + " in the .keras zip declares "
                    + entry.getSize() + " bytes, more than any Keras model needs; refusing it");
        }
        try (InputStream in = new DeclaredSizeInputStream(zip.getInputStream(entry), entry, path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String versionFrom(String metadataJson, Path path) {
        try {
            if (UntrustedJson.value(metadataJson) instanceof Map<?, ?> metadata) {
                Object version = metadata.get("keras_version");
                return version == null ? null : version.toString();
            }
        } catch (IOException | RuntimeException e) {
            // told below
        }
        throw KinspectException.modelFile(path + ": " + METADATA + " in the .keras zip is not valid JSON");
    }

    /**
     * jhdf needs random access. A weights entry the zip stores uncompressed (what Keras writes) is
     * read in place: jhdf reads the zip's region of it ({@link StoredZipEntry}, {@link FileRegionChannel}),
     * maps only what it reads (a small entry: all of it, into memory), and the layers' large variables
     * are read later from the zip by position, the zip checked unchanged first ({@link WeightValues}),
     * as for an {@code .h5} file.
     * A compressed one is copied out ({@link #copiedWeights}).
     */
    private static StoredWeights readWeights(ZipFile zip, ZipEntry entry, Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            Optional<StoredZipEntry.Region> region = StoredZipEntry.locate(channel, entry);
            if (region.isEmpty()) {
                return copiedWeights(zip, entry, path);
            }
            long start = region.get().start();
            try {
                // A small entry is read whole and parsed in memory, as a small .h5 file is (HdfModelReader).
                // A large one is closed with the zip's channel: jhdf 0.13's HdfFile.close() fails on a
                // file opened from a channel (it logs the file's path, which it has not).
                HdfFile weights = region.get().size() <= DatasetValues.READ_LATER_FROM_BYTES
                        ? HdfFile.fromBytes(StoredZipEntry.bytesOf(channel, region.get()))
                        : new HdfFile(new FileRegionChannel(channel, start, region.get().size()));
                HdfTruncation.requireComplete(weights, path + " (" + WEIGHTS + ")");
                return new StoredWeights.VariableTree(WeightTree.read(weights, path, start, null));
            } catch (HdfException e) {
                throw damaged(path, e);
            }
        }
    }

    private static KinspectException damaged(Path path, HdfException e) {
        // jhdf says a file it reads from a channel is "remote": the entry read in place is said to
        // be damaged in the words used of a file of its own (a copy), as before.
        String reason = String.valueOf(e.getMessage()).replace(" in remote file", "");
        return KinspectException.modelFile(path + ": " + WEIGHTS + " in the .keras zip is damaged (" + reason + ")", e);
    }

    /**
     * A compressed weights entry is copied to a temporary file for jhdf (a byte array would cap
     * models at 2 GB). Its name is deleted as soon as its metadata are read; it stays open
     * ({@link OpenFile}) for the layers' large variables ({@link WeightValues}), read when the
     * import copies them into the graph, and is closed (its space freed) when the last of them is gone.
     */
    private static StoredWeights copiedWeights(ZipFile zip, ZipEntry entry, Path path) throws IOException {
        Path temporary = Files.createTempFile("kinspect-", ".weights.h5");
        try {
            // A zip may declare up to MAX_EXPANSION times its own size: say so before filling the disk.
            long free = Files.getFileStore(temporary).getUsableSpace();
            if (entry.getSize() > free) {
                throw KinspectException.resources(path + ": " + WEIGHTS + " in the .keras zip declares " + entry.getSize()
                        + " bytes, more than the " + free + " bytes free for temporary files in "
                        + temporary.getParent() + " (set -Djava.io.tmpdir to a larger disk)");
            }
            try (InputStream in = new DeclaredSizeInputStream(zip.getInputStream(entry), entry, path);
                    OutputStream out = Files.newOutputStream(temporary)) {
                in.transferTo(out);
            }
            OpenFile open = OpenFile.open(temporary, path);
            boolean kept = false;
            try (HdfFile weights = new HdfFile(temporary)) {
                HdfTruncation.requireComplete(weights, path + " (" + WEIGHTS + ")");
                StoredWeights.VariableTree tree = new StoredWeights.VariableTree(WeightTree.read(weights, path, 0, open));
                kept = open.inUse();
                return tree;
            } catch (HdfException e) {
                throw damaged(path, e);
            } finally {
                if (!kept) {
                    open.close(); // no weight is read later: do not wait for the garbage collector
                }
            }
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                temporary.toFile().deleteOnExit(); // a system that keeps an open file from being deleted
            }
        }
    }

    /** Reads an entry, failing as soon as it yields more bytes than the zip declared for it. */
    static final class DeclaredSizeInputStream extends InputStream {
        private final InputStream in;
        private final ZipEntry entry;
        private final Path path;
        private long remaining;

        DeclaredSizeInputStream(InputStream in, ZipEntry entry, Path path) {
            this.in = in;
            this.entry = entry;
            this.path = path;
            this.remaining = entry.getSize() < 0 ? MAX_JSON_BYTES : entry.getSize();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, (int) Math.min(length, remaining + 1));
            if (read > 0) {
                remaining -= read;
                if (remaining < 0) {
                    throw KinspectException.modelFile(path + ": entry '" + entry.getName()
                            + "' of the zip holds more bytes than it declares; refusing a likely zip bomb");
                }
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
