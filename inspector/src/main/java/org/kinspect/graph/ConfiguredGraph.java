package org.kinspect.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;
import org.deeplearning4j.nn.modelimport.keras.layers.recurrent.KerasLSTM;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.graph.base.ExtraStoredWeights;
import org.kinspect.graph.convolution.ChannelsFirstKernels;
import org.kinspect.graph.layers.SequenceDenseMapper;
import org.kinspect.weights.ModelWarnings;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras model mapped to DL4J's configuration, every layer checked, but not yet a graph: no
 * parameter vector allocated, no weight copied. What describing a model needs (the layers' DL4J
 * output types, the vertices kinspect added); {@link #build()} makes the graph the first time it is
 * asked for, which on a large model is most of the import's time and memory.
 *
 * <pre>{@code
 * ConfiguredGraph configured = GraphImporter.configure(spec, archive.weights(), "model.h5", CustomObjects.none());
 * configured.checkWeightsFit();          // the file's weights are there and of the right sizes
 * ComputationGraph graph = configured.build().graph(); // built now, the same graph on later calls
 * }</pre>
 */
public final class ConfiguredGraph {
    private final ImportRun run;
    private ImportedGraph built;

    /** @param run a run the pipeline has taken up to the graph ({@link ImportPipeline#configure}) */
    ConfiguredGraph(ImportRun run) {
        this.run = run;
    }

    /** @return the model as its configuration describes it */
    public ModelSpec spec() {
        return run.spec;
    }

    /** @return DL4J's configuration of the graph, vertices named after the Keras layers */
    public ComputationGraphConfiguration configuration() {
        return run.configuration;
    }

    /** @return DL4J's description of each Keras layer's output (its shape and memory layout) */
    public Map<String, InputType> outputTypes() {
        return Map.copyOf(run.outputTypes);
    }

    /** @return false when the model comes from a configuration alone (its graph's weights are zeros) */
    public boolean hasWeights() {
        return !run.weights.configurationOnly();
    }

    /** @return whether {@link #build()} has made the graph */
    public synchronized boolean isBuilt() {
        return built != null;
    }

    /**
     * @return the graph, initialised without DL4J's random initialisation, the Keras weights in it;
     *     made on the first call (with every check of the weights), the same on later calls
     * @throws KinspectException when a layer's weights are missing or do not fit it
     */
    public synchronized ImportedGraph build() {
        if (built == null) {
            built = ImportPipeline.build(run);
        }
        return built;
    }

    /**
     * What is odd about the file's weights: NaN or infinite values, weights no layer reads. Asked for
     * after {@link #build()}, it reads no weight again: the copy into the graph has looked at every
     * value (on a large model a second look would read the file once more).
     *
     * @return one line each, in the order of the layers
     */
    public List<String> weightWarnings() {
        return ModelWarnings.of(run.weights, run.spec);
    }

    /**
     * What {@link #build()} checks of the file's weights that can be checked without the graph:
     * every layer with parameters finds its weights in the file, as many values as its DL4J layer
     * has parameters, which its mapper can convert. When one does not, it builds the graph, which
     * refuses the file with the import's own one-line error (naming the DL4J parameters concerned).
     * A layer's weights of the right size in the wrong shape (a transposed kernel) are left to
     * {@link #build()}.
     *
     * @throws KinspectException when a layer's weights are missing or of the wrong size
     */
    public void checkWeightsFit() {
        if (!hasWeights()) {
            return;
        }
        Map<String, String> owners = GraphImporter.weightsOwners(run.spec);
        for (KerasLayer layer : kerasLayers().values()) {
            if (layer.getNumParams() == 0) {
                continue;
            }
            String kerasName = GraphImporter.weightsName(layer, owners);
            LayerWeights read = run.weights.layer(kerasName).filter(found -> !found.tensors().isEmpty()).orElse(null);
            if (read == null || !fitsConfiguration(layer, BatchNormalizationDefaults.completed(layer, read, run.source))) {
                // The import then fails, saying it as an import says it (which DL4J parameters are
                // concerned); should it not, the graph it made is the model's.
                build();
                return;
            }
        }
    }

    /**
     * A DL4J layer's configuration counts its parameters as the graph will (kinspect's own vertices
     * may count more than they keep, a grouped-query attention: left to the build), and its mapper
     * converts the weights as the build will, refusing what it cannot read (a Keras 1 convolution
     * kernel of unknown backend). An LSTM's weights are converted only by the build: they are the
     * bulk of a large model, and the build copies them gate by gate without the mapper. A Dense
     * mapper is given its weights' names alone: DL4J's KerasDense.setWeights hands the weights over
     * as they are, refusing only a missing name, so the check reads no value and, for a model of
     * Dense and LSTM layers (the sample's), needs no ND4J: a summary of it never starts ND4J.
     */
    private boolean fitsConfiguration(KerasLayer layer, LayerWeights stored) {
        if (!(run.configuration.getVertices().get(layer.getLayerName()) instanceof LayerVertex vertex)) {
            return true;
        }
        long given = 0;
        for (WeightTensor tensor : stored.tensors()) {
            given += tensor.length();
        }
        if (given != vertex.numParams(true) + (layer instanceof ExtraStoredWeights extra ? extra.extraStoredValues() : 0)) {
            return false;
        }
        if (layer.getClass() == KerasLSTM.class) {
            return true;
        }
        boolean namesOnly = layer.getClass() == KerasDense.class || layer.getClass() == SequenceDenseMapper.class;
        Map<String, INDArray> byName = new HashMap<>();
        for (WeightTensor tensor : stored.tensors()) {
            // The build sets the layer's weights again, from the file, before anything reads them.
            byName.put(tensor.name(), namesOnly ? null : tensor.values());
        }
        try {
            GraphImporter.setWeights(layer, ChannelsFirstKernels.forMapper(layer, byName, run.spec));
            return true;
        } catch (InvalidKerasConfigurationException | RuntimeException e) {
            return false;
        }
    }

    private Map<String, KerasLayer> kerasLayers() {
        return run.kerasModel.getLayers();
    }
}
