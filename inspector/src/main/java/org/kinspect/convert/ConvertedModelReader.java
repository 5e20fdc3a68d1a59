package org.kinspect.convert;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ConvertedZip;
import org.kinspect.file.KerasFormat;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.WeightStore;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.ParameterProvenance;
import org.kinspect.safety.JsonNesting;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Reads a model {@link ConvertedModelWriter} wrote, without the Keras file and without jhdf: the
 * DL4J graph from DL4J's own entries, the rest from {@value ConvertedZip#METADATA}. The file is
 * untrusted: its zip is checked as a {@code .keras} zip is, every field is checked for its type, a
 * parameter vector must be as long as the graph needs, and a file of a newer converted format is
 * refused in one line.
 *
 * <pre>{@code
 * ConvertedModel converted = ConvertedModelReader.read(Path.of("model.zip"));
 * ComputationGraph graph = converted.imported().graph();
 * }</pre>
 */
public final class ConvertedModelReader {

    private ConvertedModelReader() {}

    /**
     * @param path a model written by {@code kinspect convert} or {@code InspectedModel.save}
     * @return the model as it was imported
     * @throws KinspectException when the file is damaged or hostile, or was written by a newer kinspect
     */
    public static ConvertedModel read(Path path) {
        Map<String, byte[]> entries = ConvertedZip.entries(path);
        MetadataFields fields = new MetadataFields(path);
        Map<String, Object> metadata = metadata(entries, path, fields);
        Conversion conversion = conversion(metadata, fields, path);
        Map<String, Object> source = fields.object(metadata.get("source"), "source");
        ModelSpec spec = SpecJson.fromJson(fields.object(metadata.get("spec"), "spec"), fields);
        WeightStore weights = WeightEntries.read(fields.object(metadata.get("weights"), "weights"), entries, fields);
        ModelArchive archive = new ModelArchive(path, conversion.sourceFormat(),
                fields.text(metadata, "keras_configuration"), fields.optionalText(metadata, "training_configuration"),
                fields.optionalText(source, "keras_version"), fields.optionalText(source, "backend"), weights);
        ComputationGraph graph = graph(entries, path);
        if (!graph.getConfiguration().getNetworkInputs().equals(spec.inputNames())) {
            throw fields.damaged("the description's inputs " + spec.inputNames() + " are not the graph's "
                    + graph.getConfiguration().getNetworkInputs());
        }
        ImportedGraph imported = new ImportedGraph(graph, spec, outputTypes(metadata, fields),
                fields.flag(metadata, "has_weights"), provenance(metadata, fields));
        return new ConvertedModel(archive, imported, fields.texts(metadata, "warnings"), conversion);
    }

    private static Map<String, Object> metadata(Map<String, byte[]> entries, Path path, MetadataFields fields) {
        String text = new String(ConvertedZip.require(entries, ConvertedZip.METADATA, path), StandardCharsets.UTF_8);
        JsonNesting.check(text, path + " (" + ConvertedZip.METADATA + ")");
        try {
            return fields.object(new ObjectMapper().readValue(text, Map.class), "the document");
        } catch (IOException e) {
            throw fields.damaged("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Conversion conversion(Map<String, Object> metadata, MetadataFields fields, Path path) {
        if (!ConvertedModelFormat.FORMAT_NAME.equals(metadata.get("format"))) {
            throw fields.damaged("'format' is not '" + ConvertedModelFormat.FORMAT_NAME + "'");
        }
        int version = fields.integer(metadata.get("format_version"), "format_version");
        String writer = fields.optionalText(metadata, "kinspect_version");
        if (version > ConvertedModelFormat.VERSION) {
            throw KinspectException.unsupported(path + ": converted by a newer kinspect (" + writer + ", converted format "
                    + version + "); this kinspect (" + ConvertedModelFormat.kinspectVersion() + ") reads format "
                    + ConvertedModelFormat.VERSION + " and older: use a newer kinspect, or convert the Keras model again"
                    + " with this one");
        }
        if (version < 1) {
            throw fields.damaged("'format_version' " + version + " is not a version");
        }
        Map<String, Object> source = fields.object(metadata.get("source"), "source");
        KerasFormat format;
        try {
            format = KerasFormat.valueOf(fields.text(source, "format"));
        } catch (IllegalArgumentException e) {
            throw fields.damaged("'source.format' names no Keras format");
        }
        if (format == KerasFormat.KINSPECT_CONVERTED) {
            throw fields.damaged("'source.format' names a converted model, not a Keras file");
        }
        return new Conversion(version, writer, fields.optionalText(source, "file_name"), format);
    }

    /** DL4J's configuration and parameters, as ModelSerializer restores them, with the parameter count checked first. */
    private static ComputationGraph graph(Map<String, byte[]> entries, Path path) {
        String json = new String(ConvertedZip.require(entries, ConvertedModelFormat.DL4J_CONFIGURATION, path),
                StandardCharsets.UTF_8);
        JsonNesting.check(json, path + " (" + ConvertedModelFormat.DL4J_CONFIGURATION + ")");
        ComputationGraphConfiguration configuration;
        try {
            configuration = ComputationGraphConfiguration.fromJson(RenamedClasses.inCurrentNames(json));
        } catch (RuntimeException e) {
            throw KinspectException.modelFile(path + ": the converted model's DL4J configuration cannot be read ("
                    + firstLine(e)
                    + "); the file is damaged, or was converted with a plugin this run does not load", e);
        }
        ComputationGraph graph = new ComputationGraph(configuration);
        long expected = configuration.getVertices().values().stream().mapToLong(vertex -> vertex.numParams(true)).sum();
        byte[] coefficients = entries.get(ConvertedModelFormat.DL4J_COEFFICIENTS);
        if (expected == 0) {
            graph.init(Nd4j.zeros(DataType.FLOAT, 1, 0), false);
            return graph;
        }
        if (coefficients == null || coefficients.length < expected * Float.BYTES) {
            throw KinspectException.modelFile(path + ": the converted model's parameters ("
                    + ConvertedModelFormat.DL4J_COEFFICIENTS + ") are missing or shorter than the " + expected
                    + " its graph needs; the file is damaged, convert the Keras model again");
        }
        INDArray parameters;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(coefficients))) {
            parameters = Nd4j.read(in);
        } catch (IOException | RuntimeException e) {
            throw KinspectException.modelFile(path + ": the converted model's parameters cannot be read (" + firstLine(e)
                    + "); the file is damaged", e);
        }
        if (parameters.length() != expected) {
            throw KinspectException.modelFile(path + ": the converted model holds " + parameters.length()
                    + " parameters where its graph needs " + expected + "; the file is damaged");
        }
        graph.init(parameters, false);
        return graph;
    }

    private static Map<String, InputType> outputTypes(Map<String, Object> metadata, MetadataFields fields) {
        ObjectMapper dl4j = NeuralNetConfiguration.mapper();
        Map<String, InputType> types = new LinkedHashMap<>();
        fields.object(metadata.get("output_types"), "output_types").forEach((name, json) -> {
            try {
                types.put(name, dl4j.readValue(fields.text(json, "output_types"), InputType.class));
            } catch (IOException e) {
                throw fields.damaged("the output type of '" + name + "' cannot be read");
            }
        });
        return Map.copyOf(types);
    }

    private static ParameterProvenance provenance(Map<String, Object> metadata, MetadataFields fields) {
        Map<String, Map<String, ParameterProvenance.Source>> byVertex = new LinkedHashMap<>();
        fields.object(metadata.get("provenance"), "provenance").forEach((vertex, parameters) -> {
            Map<String, ParameterProvenance.Source> sources = new LinkedHashMap<>();
            fields.object(parameters, "provenance").forEach((parameter, source) -> {
                Map<String, Object> sourceJson = fields.object(source, "provenance source");
                ParameterProvenance.Origin origin;
                try {
                    origin = ParameterProvenance.Origin.valueOf(fields.text(sourceJson, "origin"));
                } catch (IllegalArgumentException e) {
                    throw fields.damaged("a parameter's origin is unknown");
                }
                sources.put(parameter, new ParameterProvenance.Source(origin, fields.text(sourceJson, "detail")));
            });
            byVertex.put(vertex, sources);
        });
        return ParameterProvenance.of(byVertex);
    }

    private static String firstLine(Throwable e) {
        return org.kinspect.safety.Untrusted.firstLine(e);
    }
}
