package org.kinspect.convert;

import java.util.List;
import org.kinspect.file.ModelArchive;
import org.kinspect.graph.ImportedGraph;

/**
 * A converted model as read back: everything an {@code InspectedModel} holds after an import,
 * without the Keras file.
 *
 * <pre>{@code
 * ConvertedModel converted = ConvertedModelReader.read(Path.of("model.zip"));
 * converted.imported().graph(); // the DL4J graph as saved
 * }</pre>
 *
 * @param archive the Keras configuration, versions and weights as the Keras file held them; its
 *     {@code source} is the converted file, its {@code format} the Keras file's
 * @param imported the DL4J graph as saved, with the description, output types and provenance of its import
 * @param warnings what the import said about the model
 * @param conversion which kinspect converted it, from which file
 */
public record ConvertedModel(ModelArchive archive, ImportedGraph imported, List<String> warnings, Conversion conversion) {

    public ConvertedModel {
        warnings = List.copyOf(warnings);
    }
}
