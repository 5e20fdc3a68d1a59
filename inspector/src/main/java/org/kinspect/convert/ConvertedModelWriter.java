package org.kinspect.convert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.util.ModelSerializer;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ConvertedZip;
import org.kinspect.file.ModelArchive;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.ParameterProvenance;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Writes an imported model as one zip: DL4J's own entries for the ComputationGraph (as
 * {@code ModelSerializer.writeModel(graph, out, false)} writes them: configuration JSON and
 * parameters, no updater), so DL4J's {@code ModelSerializer.restoreComputationGraph} reads it too,
 * and {@value ConvertedZip#METADATA} with what kinspect needs to give Keras names and layouts back,
 * plus the Keras weights by Keras name.
 *
 * <pre>{@code
 * ConvertedModelWriter.write(Path.of("model.zip"), ModelInternals.archive(model), ModelInternals.imported(model), model.warnings());
 * }</pre>
 */
public final class ConvertedModelWriter {
    /** The time every entry carries: the zip format's first day, so conversions are reproducible. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    // keys sorted: maps made with Map.of iterate in an order that changes from run to run
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ConvertedModelWriter() {}

    /**
     * @param target the zip to write; replaced when it exists (written beside it first, then moved)
     * @param archive what the Keras file held
     * @param imported the imported graph
     * @param warnings what the import said about the model
     * @throws KinspectException when the file cannot be written, or a layer's DL4J configuration does
     *     not read back as it was written (a kinspect layer that does not serialise)
     */
    public static void write(Path target, ModelArchive archive, ImportedGraph imported, List<String> warnings) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.putAll(dl4jEntries(imported));
        WeightEntries weights = new WeightEntries();
        Map<String, Object> metadata = metadata(archive, imported, warnings, weights);
        try {
            entries.put(ConvertedZip.METADATA, JSON.writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw KinspectException.internal("cannot describe the model as JSON (" + e.getMessage() + ")");
        }
        entries.putAll(weights.entries());
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    ZipEntry zipEntry = new ZipEntry(entry.getKey());
                    // one fixed time: the same model converts to the same bytes (a build can compare them)
                    zipEntry.setTimeLocal(ENTRY_TIME);
                    zip.putNextEntry(zipEntry);
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw KinspectException.input(target + ": cannot write the converted model (" + e.getMessage()
                    + "); check that the folder exists and is writable", e);
        }
    }

    /** DL4J's entries, as ModelSerializer writes them, without the updater (a converted model is for inference). */
    private static Map<String, byte[]> dl4jEntries(ImportedGraph imported) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(imported.graph(), written, false);
        } catch (IOException | RuntimeException e) {
            throw KinspectException.internal("DL4J cannot serialise the imported graph (" + e.getMessage() + ")");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(written.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw KinspectException.internal("cannot read back DL4J's serialised graph (" + e.getMessage() + ")");
        }
        return entries;
    }

    private static Map<String, Object> metadata(ModelArchive archive, ImportedGraph imported, List<String> warnings,
            WeightEntries weights) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", ConvertedModelFormat.FORMAT_NAME);
        json.put("format_version", ConvertedModelFormat.VERSION);
        json.put("kinspect_version", ConvertedModelFormat.kinspectVersion());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("file_name", archive.source().getFileName() == null ? archive.source().toString()
                : archive.source().getFileName().toString());
        source.put("format", archive.format().name());
        source.put("keras_version", archive.kerasVersion());
        source.put("backend", archive.backend());
        json.put("source", source);
        json.put("input_names", imported.spec().inputNames());
        json.put("output_names", imported.spec().outputNames());
        json.put("layer_names", imported.spec().layerNames());
        json.put("catalogue", catalogue(imported));
        json.put("has_weights", imported.hasWeights());
        json.put("warnings", warnings);
        json.put("output_types", outputTypes(imported));
        json.put("provenance", provenance(imported.provenance()));
        json.put("spec", SpecJson.toJson(imported.spec()));
        json.put("keras_configuration", archive.modelConfigJson());
        json.put("training_configuration", archive.trainingConfigJson());
        json.put("weights", weights.describe(archive.weights()));
        return json;
    }

    /** The catalogue's row for every Keras class the model uses: how kinspect handled each when it converted it. */
    private static List<Object> catalogue(ImportedGraph imported) {
        TreeSet<String> classes = new TreeSet<>();
        imported.spec().layers().stream().map(LayerSpec::className).forEach(classes::add);
        return classes.stream().map(className -> (Object) KerasClasses.find(className)
                .<Map<String, Object>>map(known -> Map.of("class_name", className, "family", known.family().name(),
                        "support", known.support().name(), "handling", known.handling().name()))
                .orElse(Map.of("class_name", className, "handling", "custom"))).toList();
    }

    private static Map<String, Object> outputTypes(ImportedGraph imported) {
        ObjectMapper dl4j = NeuralNetConfiguration.mapper();
        Map<String, Object> types = new LinkedHashMap<>();
        for (String name : new TreeSet<>(imported.outputTypes().keySet())) {
            try {
                types.put(name, dl4j.writeValueAsString(imported.outputTypes().get(name)));
            } catch (IOException e) {
                throw KinspectException.internal("cannot write the output type of '" + name + "' (" + e.getMessage() + ")");
            }
        }
        return types;
    }

    private static Map<String, Object> provenance(ParameterProvenance provenance) {
        Map<String, Object> json = new LinkedHashMap<>();
        provenance.byVertex().forEach((vertex, parameters) -> {
            Map<String, Object> byParameter = new LinkedHashMap<>();
            parameters.forEach((parameter, source) -> byParameter.put(parameter,
                    Map.of("origin", source.origin().name(), "detail", source.detail())));
            json.put(vertex, byParameter);
        });
        return json;
    }
}
