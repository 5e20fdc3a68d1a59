package org.kinspect.convert;

import org.kinspect.file.KerasFormat;

/**
 * What a converted model says about its conversion.
 *
 * <pre>{@code
 * Conversion conversion = InspectedModel.open(Path.of("model.zip")).conversion().orElseThrow();
 * conversion.sourceFileName(); // "model.h5"
 * conversion.kinspectVersion(); // "0.1.0"
 * }</pre>
 *
 * @param formatVersion the version of the converted format it was written in ({@link ConvertedModelFormat#VERSION} or older)
 * @param kinspectVersion the kinspect that wrote it
 * @param sourceFileName the Keras file it was converted from (its name only)
 * @param sourceFormat how that Keras file was stored
 */
public record Conversion(int formatVersion, String kinspectVersion, String sourceFileName, KerasFormat sourceFormat) {}
