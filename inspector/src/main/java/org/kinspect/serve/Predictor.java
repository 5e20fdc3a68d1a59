package org.kinspect.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.inspect.ActivationProbe;
import org.kinspect.inspect.RunPreconditions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's outputs for a service: inputs in Keras's layout by input name in, the model's outputs
 * in Keras's layout by output name out, computed by kinspect's own forward pass (so Keras masks,
 * attention scores and returned states are computed as {@link InspectedModel#activations} computes
 * them; DL4J's {@code ComputationGraph.output} cannot run a masked model).
 *
 * <p><b>Thread-safe.</b> Threading model: a pool of {@code copies} graphs, each built from the
 * model's DL4J configuration and all sharing the model's one parameter array, which inference only
 * reads. A DL4J graph keeps each call's inputs and masks in its vertices, so no two calls may run on
 * the same graph at once: each call borrows a graph from the pool for its duration and returns it;
 * a call finding the pool empty waits for a graph. So at most {@code copies} calls run at once, the
 * parameters are held once whatever the pool's size, and each copy costs only its configuration.
 * The default pool has one graph per available processor. Throughput against DL4J's own
 * {@code ComputationGraph.output}: {@code bench/predictor-throughput.sh}, BENCHMARKS.md.
 *
 * <pre>{@code
 * Predictor predictor = new Predictor(InspectedModel.open(Path.of("model.zip")));
 * Map<String, INDArray> outputs = predictor.predict(Map.of("signal", x)); // from any thread
 * INDArray probabilities = outputs.get("softmax");                        // Keras's layout
 * }</pre>
 */
public final class Predictor {
    private final InspectedModel model;
    private final List<String> outputNames;
    private final BlockingQueue<Copy> pool;

    /** One graph of the pool with the probe that runs it. */
    private record Copy(ImportedGraph imported, ActivationProbe probe) {}

    /**
     * A predictor with one graph per available processor.
     *
     * @param model the model, imported from a Keras file or opened from a converted one
     */
    public Predictor(InspectedModel model) {
        this(model, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param model the model
     * @param copies how many calls may run at once (graphs in the pool), at least 1
     */
    public Predictor(InspectedModel model, int copies) {
        if (copies < 1) {
            throw KinspectException.input("a predictor needs at least one graph, not " + copies);
        }
        this.model = model;
        this.outputNames = modelOutputs(model);
        this.pool = new ArrayBlockingQueue<>(copies);
        ImportedGraph original = ModelInternals.imported(model);
        String configurationJson = original.graph().getConfiguration().toJson();
        for (int i = 0; i < copies; i++) {
            ComputationGraph graph = copy(original.graph(), configurationJson);
            ImportedGraph imported = new ImportedGraph(graph, original.spec(), original.outputTypes(),
                    original.hasWeights(), original.provenance());
            pool.add(new Copy(imported, new ActivationProbe(imported)));
        }
    }

    /** @return the model's input names, in order: the keys {@link #predict(Map)} reads */
    public List<String> inputNames() {
        return model.inputNames();
    }

    /**
     * @return the model's outputs, in Keras's order: the keys {@link #predict(Map)} returns (a
     *     recurrent layer's returned state as {@code LAYER__1}...)
     */
    public List<String> outputNames() {
        return outputNames;
    }

    /** @return how many calls may run at once */
    public int copies() {
        return pool.remainingCapacity() + pool.size();
    }

    /**
     * @param inputs one array per model input, keyed by input name, in Keras's layout (batch first)
     * @return the model's outputs in Keras's layout, keyed by output name, in {@link #outputNames()} order
     * @throws KinspectException when an input is missing, unknown or of the wrong shape
     */
    public Map<String, INDArray> predict(Map<String, INDArray> inputs) {
        Copy copy = borrow();
        try {
            RunPreconditions.check(copy.imported(), inputs);
            Map<String, INDArray> computed = copy.probe().activations(inputs, outputNames);
            Map<String, INDArray> outputs = new LinkedHashMap<>();
            outputNames.forEach(name -> outputs.put(name, computed.get(name)));
            return outputs;
        } finally {
            pool.add(copy);
        }
    }

    /**
     * @param input the input of a single-input model, in Keras's layout (batch first)
     * @return the model's outputs in Keras's layout, keyed by output name
     * @throws KinspectException when the model has several inputs, or the input has the wrong shape
     */
    public Map<String, INDArray> predict(INDArray input) {
        List<String> inputs = model.inputNames();
        if (inputs.size() != 1) {
            throw KinspectException.input("the model has " + inputs.size() + " inputs (" + String.join(", ", inputs)
                    + "); give one array for each, by name");
        }
        return predict(Map.of(inputs.get(0), input));
    }

    private Copy borrow() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KinspectException.resources("interrupted while waiting for a free graph of the predictor", e);
        }
    }

    /**
     * A graph of its own that reads the original's parameter array. Built through DL4J's JSON, as a
     * converted model is read, so each copy has its own vertices with the layouts learnt at import;
     * a plugin's layer whose classes DL4J's JSON reader cannot see is copied by DL4J's
     * {@code clone()} instead, with parameters of its own.
     */
    private static ComputationGraph copy(ComputationGraph original, String configurationJson) {
        ComputationGraphConfiguration configuration;
        try {
            configuration = ComputationGraphConfiguration.fromJson(configurationJson);
        } catch (RuntimeException notReadable) {
            return original.clone();
        }
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init(original.params(), false);
        return graph;
    }

    /** The graph's outputs (vertices named after Keras layers, {@code LAYER__k} for a returned state). */
    private static List<String> modelOutputs(InspectedModel model) {
        List<String> known = model.outputNames();
        List<String> outputs = new ArrayList<>();
        for (String output : model.graph().getConfiguration().getNetworkOutputs()) {
            if (!known.contains(output)) {
                throw KinspectException.internal("the graph's output '" + output + "' is no Keras output of the model");
            }
            outputs.add(output);
        }
        return List.copyOf(outputs);
    }
}
