package org.kinspect.graph;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.file.WeightStore;
import org.kinspect.graph.base.ImportHints;

/**
 * What one import has made so far, handed from step to step of the {@link ImportPipeline}: the
 * copy of the description DL4J will read, the hints for kinspect's mappers, the custom layers to register, DL4J's model and graph
 * configuration, the output types, the graph and where its parameters came from. Each step reads
 * what earlier steps left and adds its own; the fields are open to the steps of this package only.
 *
 * <pre>{@code
 * ImportRun run = new ImportRun(spec, weights, "model.keras", CustomObjects.none());
 * for (ImportStep step : ImportPipeline.STEPS) step.action().apply(run);
 * ImportedGraph imported = run.imported();
 * }</pre>
 */
final class ImportRun {
    final ModelSpec spec;
    final WeightStore weights;
    final String source;
    final CustomObjects custom;

    /** The description as DL4J's importer will read it ({@code {"class_name", "config": {"layers"...}}}), rewritten in place. */
    Map<String, Object> dl4jConfig;
    /** What kinspect's mappers need to know that a layer's configuration does not say, by layer name. */
    final ImportHints.Builder hints;
    /** The custom layers and Lambda replacements registered with DL4J for this import only. */
    Dl4jRegistry.Registrations registrations = new Dl4jRegistry.Registrations(Map.of(), Map.of());
    /** DL4J's model of the layers, with DL4J's and kinspect's mappers. */
    ConfigOnlyKerasModel kerasModel;
    /** The graph configuration DL4J built, corrected in place after. */
    ComputationGraphConfiguration configuration;
    /** Each Keras layer's output type as the graph computes it. */
    Map<String, InputType> outputTypes;
    /** The graph, once made. */
    ComputationGraph graph;
    /** Whether the graph's parameters are read from the file (false: a configuration alone, all zeros). */
    boolean weightsFromFile;
    final ParameterProvenance provenance = new ParameterProvenance();

    /**
     * @param spec the model description
     * @param weights the weights from the file; {@link WeightStore#empty()} builds a graph of zeros
     * @param source the model file, for messages
     * @param custom Java implementations of the model's custom layers and Lambda layers
     */
    ImportRun(ModelSpec spec, WeightStore weights, String source, CustomObjects custom) {
        this.spec = spec;
        this.weights = weights;
        this.source = source;
        this.custom = custom;
        this.hints = ImportHints.builder(spec.kerasMajorVersion());
    }

    /** @return the model part of the copy DL4J reads ({@code layers}, {@code input_layers}...) */
    @SuppressWarnings("unchecked")
    Map<String, Object> model() {
        return (Map<String, Object>) dl4jConfig.get("config");
    }

    /** @return the layer list of the copy DL4J reads, each a {@code {"class_name", "config", "inbound_nodes"}} map */
    @SuppressWarnings("unchecked")
    List<Object> layers() {
        return (List<Object>) model().get("layers");
    }

    /** @return the import's result, once every step has run */
    ImportedGraph imported() {
        return new ImportedGraph(graph, spec, Map.copyOf(outputTypes), !weights.configurationOnly(), provenance);
    }
}
