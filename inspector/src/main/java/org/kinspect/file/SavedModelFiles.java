package org.kinspect.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.kinspect.errors.KinspectException;

/**
 * The files of one SavedModel directory, reached only by names relative to it: a name with
 * {@code ..}, an absolute name, or a symbolic link that leads out of the directory is refused,
 * so a hostile directory cannot make kinspect read anything else.
 *
 * <pre>{@code
 * SavedModelFiles files = SavedModelFiles.of(Path.of("my_model"));
 * byte[] metadata = files.read("keras_metadata.pb", 1 << 30);
 * }</pre>
 */
final class SavedModelFiles {
    private final Path root;
    private final Path realRoot;
    private final String shownAs;

    private SavedModelFiles(Path root, Path realRoot, String shownAs) {
        this.root = root;
        this.realRoot = realRoot;
        this.shownAs = shownAs;
    }

    /**
     * @param directory the SavedModel directory
     * @param shownAs how messages name it (the path the user gave, or an archive and the folder in it)
     * @return its files
     */
    static SavedModelFiles of(Path directory, String shownAs) {
        try {
            return new SavedModelFiles(directory.toAbsolutePath().normalize(), directory.toRealPath(), shownAs);
        } catch (IOException e) {
            throw KinspectException.modelFile(shownAs + ": cannot read the folder (" + e.getMessage() + ")", e);
        }
    }

    /** @return true when the directory holds a regular file of this name, inside it */
    boolean has(String name) {
        try {
            resolve(name);
            return true;
        } catch (KinspectException e) {
            return false;
        }
    }

    /**
     * @param name a path relative to the directory, {@code /}-separated
     * @return the file, after checking it is a regular file that really lies inside the directory
     * @throws KinspectException when it is missing, or leads outside the directory
     */
    Path resolve(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || name.startsWith("/") || name.contains("..")) {
            throw KinspectException.modelFile(describe(name) + ": a path outside the SavedModel folder; refusing it");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            throw KinspectException.modelFile(describe(name) + ": missing; the SavedModel folder is incomplete "
                    + "(copy the whole folder model.save wrote)");
        }
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw KinspectException.modelFile(describe(name) + ": a symbolic link out of the SavedModel folder; "
                        + "refusing it");
            }
            if (!Files.isRegularFile(real)) {
                throw KinspectException.modelFile(describe(name) + ": not a file; the SavedModel folder is damaged");
            }
            return real;
        } catch (IOException e) {
            throw KinspectException.modelFile(describe(name) + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /** @return the file's size in bytes */
    long size(String name) {
        try {
            return Files.size(resolve(name));
        } catch (IOException e) {
            throw KinspectException.modelFile(describe(name) + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param name a file of the directory
     * @param limit the most bytes it may have
     * @return all its bytes
     * @throws KinspectException when it is missing, outside the directory, or larger than {@code limit}
     */
    byte[] read(String name, long limit) {
        Path path = resolve(name);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 64));
            if (in.read() >= 0) {
                throw KinspectException.modelFile(describe(name) + ": larger than " + limit
                        + " bytes, more than any Keras model's; refusing it as damaged or hostile");
            }
            return bytes;
        } catch (IOException e) {
            throw KinspectException.modelFile(describe(name) + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /** @return how messages name a file of the directory */
    String describe(String name) {
        return shownAs + "/" + name;
    }

    /** @return how messages name the directory */
    String shownAs() {
        return shownAs;
    }
}
