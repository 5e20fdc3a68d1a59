package org.kinspect.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.kinspect.errors.KinspectException;

/**
 * A SavedModel directory packed in a {@code .zip} or {@code .tar.gz}, unpacked into a temporary
 * directory for {@link SavedModelReader} and deleted after. The archive is untrusted: entries with
 * {@code ../} or absolute paths, links, duplicate names, more entries than
 * {@link KerasZipReader#MAX_ENTRIES}, entries that hold more than they declare and archives that
 * expand far beyond their own size are refused (the zip checks are {@link KerasZipReader}'s).
 *
 * <pre>{@code
 * StoredModel stored = SavedModelArchive.read(Path.of("my_model.tar.gz"), true);
 * }</pre>
 */
final class SavedModelArchive {
    /** An archive may expand this many times its own size (as Keras allows its zips), above a floor. */
    static final long MAX_EXPANSION = KerasZipReader.MAX_EXPANSION;
    static final long EXPANSION_FLOOR_BYTES = 64L << 20;

    private SavedModelArchive() {}

    /** @return true when the zip holds a SavedModel ({@code saved_model.pb} or {@code keras_metadata.pb}) */
    static boolean isSavedModelZip(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
            return zip.stream().anyMatch(entry -> isMarker(entry.getName())) && zip.getEntry(KerasZipReader.CONFIG) == null;
        } catch (IOException e) {
            return false; // KerasZipReader says what is wrong with it
        }
    }

    /**
     * @param path a {@code .zip} or {@code .tar.gz} of a SavedModel directory (told from its bytes)
     * @param gzip true for a gzip-compressed tar
     * @return the model it holds
     */
    static StoredModel read(Path path, boolean gzip) {
        Path temporary;
        try {
            temporary = Files.createTempDirectory("kinspect-savedmodel-");
        } catch (IOException e) {
            throw KinspectException.resources(path + ": cannot make a temporary folder to unpack it ("
                    + e.getMessage() + ")", e);
        }
        try {
            long budget = Math.max(EXPANSION_FLOOR_BYTES, MAX_EXPANSION * Files.size(path));
            if (gzip) {
                unpackTar(path, temporary, budget);
            } else {
                unpackZip(path, temporary, budget);
            }
            Path directory = savedModelFolder(path, temporary);
            String inside = temporary.relativize(directory).toString().replace('\\', '/');
            String shownAs = inside.isEmpty() ? path.toString() : path + "!/" + inside;
            return SavedModelReader.read(path, SavedModelFiles.of(directory, shownAs));
        } catch (IOException e) {
            throw KinspectException.modelFile(path + ": cannot unpack the archive (" + e.getMessage() + ")", e);
        } finally {
            deleteAll(temporary);
        }
    }

    private static void unpackZip(Path path, Path target, long budget) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
            Map<String, ZipEntry> entries = KerasZipReader.checkedEntries(zip, path);
            ZipSymlinks.first(path).ifPresent(link -> {
                throw KinspectException.modelFile(path + ": the zip has an entry that is a symbolic link ('" + link
                        + "'); refusing it");
            });
            long written = 0;
            for (ZipEntry entry : entries.values()) {
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = new KerasZipReader.DeclaredSizeInputStream(zip.getInputStream(entry), entry,
                        path)) {
                    written += write(in, target, entry.getName(), entry.getSize(), budget - written, path);
                }
            }
        } catch (ZipException e) {
            throw KinspectException.modelFile(path + ": the zip is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static void unpackTar(Path path, Path target, long budget) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path))))) {
            Set<String> names = new HashSet<>();
            long written = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                String name = entry.getName();
                if (names.size() >= KerasZipReader.MAX_ENTRIES) {
                    throw KinspectException.modelFile(path + ": the archive has more than " + KerasZipReader.MAX_ENTRIES
                            + " entries; refusing it as damaged or hostile");
                }
                if (KerasZipReader.isUnsafeName(name)) {
                    throw KinspectException.modelFile(path + ": the archive has an entry with an unsafe path ('" + name
                            + "'); refusing it");
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw KinspectException.modelFile(path + ": the archive has an entry that is a link ('" + name
                            + "'); refusing it");
                }
                if (entry.isDirectory() || entry.isPaxHeader() || entry.isGlobalPaxHeader()) {
                    continue;
                }
                if (!entry.isFile()) {
                    throw KinspectException.modelFile(path + ": the archive has an entry that is not a file ('" + name
                            + "'); refusing it");
                }
                if (!names.add(name)) {
                    throw KinspectException.modelFile(path + ": the archive holds '" + name
                            + "' twice; refusing it as damaged or tampered with");
                }
                written += write(tar, target, name, entry.getSize(), budget - written, path);
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw KinspectException.modelFile(path + ": the .tar.gz is damaged or truncated (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw KinspectException.modelFile(path + ": the .tar.gz is damaged (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Copies one entry under {@code target}, refusing it when it would pass the budget or the free
     * disk space; @return its size.
     */
    private static long write(InputStream in, Path target, String name, long declared, long budget, Path archive)
            throws IOException {
        Path file = target.resolve(name).normalize();
        if (!file.startsWith(target) || file.equals(target)) {
            throw KinspectException.modelFile(archive + ": the archive has an entry with an unsafe path ('" + name
                    + "'); refusing it");
        }
        long free = Files.getFileStore(target).getUsableSpace();
        if (declared > free) {
            throw KinspectException.resources(archive + ": entry '" + name + "' declares " + declared
                    + " bytes, more than the " + free + " bytes free for temporary files in " + target.getParent()
                    + " (unpack the archive yourself, or set -Djava.io.tmpdir to a larger disk)");
        }
        Files.createDirectories(file.getParent());
        long copied = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                copied += read;
                if (copied > budget) {
                    throw KinspectException.modelFile(archive + ": the archive expands to more than " + MAX_EXPANSION
                            + " times its size; refusing a likely archive bomb");
                }
                out.write(buffer, 0, read);
            }
        }
        return copied;
    }

    /** The shallowest folder holding the SavedModel's marker files; exactly one. */
    private static Path savedModelFolder(Path archive, Path unpacked) throws IOException {
        try (Stream<Path> walk = Files.walk(unpacked)) {
            Optional<Path> marker = walk.filter(file -> isMarker(unpacked.relativize(file).toString()))
                    .min(Comparator.comparingInt(Path::getNameCount));
            return marker.map(Path::getParent).orElseThrow(() -> KinspectException.modelFile(archive
                    + ": the archive holds no SavedModel (no saved_model.pb or keras_metadata.pb); "
                    + "give a Keras model file or a SavedModel folder"));
        }
    }

    private static boolean isMarker(String name) {
        String file = name.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        return file.equals(SavedModelReader.KERAS_METADATA) || file.equals(SavedModelReader.SAVED_MODEL);
    }

    private static void deleteAll(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // best effort: the temporary folder is the system's to clean
        }
    }
}
