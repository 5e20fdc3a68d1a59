package org.kinspect;

import org.kinspect.file.KerasFormat;
import org.kinspect.file.ModelArchive;

/**
 * What an opened model's file said about itself: a read-only view for users, who are not handed
 * the file as the library read it.
 *
 * <pre>{@code
 * ModelFile file = model.file();
 * file.format();       // SAVED_MODEL
 * file.description();  // TensorFlow SavedModel (tf.keras 2.15)
 * }</pre>
 *
 * @param path the file (or SavedModel folder) the model was opened from
 * @param format how it was stored: {@code KERAS_ZIP}, {@code HDF5_MODEL}, {@code SAVED_MODEL},
 *     {@code KINSPECT_CONVERTED}...
 * @param description the same for people, e.g. {@code HDF5 model file}; for a SavedModel with the
 *     tf.keras version that wrote it, e.g. {@code TensorFlow SavedModel (tf.keras 2.15)}
 * @param kerasVersion the Keras that wrote it, or null when it does not say
 * @param backend its backend, or null when it does not say
 */
public record ModelFile(java.nio.file.Path path, KerasFormat format, String description, String kerasVersion,
        String backend) {

    /** The view of a file as the library read it. */
    static ModelFile of(ModelArchive archive) {
        return new ModelFile(archive.source(), archive.format(), describe(archive), archive.kerasVersion(),
                archive.backend());
    }

    private static String describe(ModelArchive archive) {
        if (archive.format() == KerasFormat.SAVED_MODEL) {
            String version = archive.kerasVersion() == null ? "unknown"
                    : archive.kerasVersion().replaceFirst("^(\\d+\\.\\d+).*", "$1");
            return "TensorFlow SavedModel (tf.keras " + version + ")";
        }
        return archive.format().description();
    }
}
