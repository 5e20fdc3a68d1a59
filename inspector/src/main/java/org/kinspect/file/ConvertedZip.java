package org.kinspect.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.kinspect.errors.KinspectException;

/**
 * The entries of a model converted by kinspect ({@code kinspect convert}), read with the same
 * untrusted-file checks as a {@code .keras} zip: no unsafe paths or links, no entry twice, no zip
 * bomb, no entry larger than it declares. What the entries mean is read by {@code org.kinspect.convert}.
 *
 * <pre>{@code
 * if (KerasFile.detect(path) == KerasFormat.KINSPECT_CONVERTED) {
 *     Map<String, byte[]> entries = ConvertedZip.entries(path);
 * }
 * }</pre>
 */
public final class ConvertedZip {
    /** The entry that tells a converted model from any other zip: kinspect's description of the model. */
    public static final String METADATA = "kinspect/converted.json";
    /** A converted model's entries together may not expand beyond this (a zip bomb otherwise). */
    static final long MAX_TOTAL_BYTES = 4L << 30;

    private ConvertedZip() {}

    /**
     * @param path a zip (told from its bytes)
     * @return true when it holds {@link #METADATA}; false for any other zip, or one that cannot be opened
     */
    static boolean isConverted(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
            return zip.getEntry(METADATA) != null;
        } catch (IOException e) {
            return false; // the Keras zip reader says what is wrong with it
        }
    }

    /**
     * @param path a converted model
     * @return every entry's bytes by entry name, in the zip's order
     * @throws KinspectException when the zip is damaged or hostile, said in one line
     */
    public static Map<String, byte[]> entries(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
            Map<String, ZipEntry> checked = KerasZipReader.checkedEntries(zip, path);
            ZipSymlinks.first(path).ifPresent(link -> {
                throw KinspectException.modelFile(path + ": the converted model has an entry that is a symbolic link ('"
                        + link + "'); refusing it");
            });
            long total = 0;
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.isDirectory() || !checked.containsKey(entry.getName())) {
                    continue;
                }
                long declared = entry.getSize();
                total += Math.max(declared, 0);
                if (declared < 0 || declared > Integer.MAX_VALUE - 8 || total > MAX_TOTAL_BYTES) {
                    throw KinspectException.modelFile(path + ": entry '" + entry.getName() + "' of the converted model declares "
                            + declared + " bytes, more than a converted model holds; refusing it as damaged or hostile");
                }
                try (InputStream in = new KerasZipReader.DeclaredSizeInputStream(zip.getInputStream(entry), entry, path)) {
                    byte[] bytes = in.readAllBytes();
                    if (bytes.length != declared) {
                        throw KinspectException.modelFile(path + ": entry '" + entry.getName() + "' of the converted model holds "
                                + bytes.length + " bytes where it declares " + declared + "; the file is damaged");
                    }
                    entries.put(entry.getName(), bytes);
                }
            }
            if (!entries.containsKey(METADATA)) {
                throw KinspectException.modelFile(path + ": a zip without " + METADATA + ", so not a model converted by kinspect");
            }
            return entries;
        } catch (ZipException e) {
            throw KinspectException.modelFile(path + ": the converted model's zip is damaged (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw KinspectException.modelFile(path + ": cannot read the converted model (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param entries a converted model's entries
     * @param name an entry name
     * @param path the file, for messages
     * @return the entry's bytes
     * @throws KinspectException naming the missing entry
     */
    public static byte[] require(Map<String, byte[]> entries, String name, Path path) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw KinspectException.modelFile(path + ": the converted model has no '" + name + "'; the file is damaged,"
                    + " convert the Keras model again");
        }
        return bytes;
    }

}
