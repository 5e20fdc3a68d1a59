package org.kinspect.file;

import java.nio.file.Path;
import org.kinspect.KinspectException;

/** Reads a Keras 3 {@code .keras} zip. */
final class KerasZipReader {

    private KerasZipReader() {}

    static ModelArchive read(Path path) {
        throw new KinspectException(path + ": Keras 3 .keras files are not readable yet (issue 3)");
    }
}
