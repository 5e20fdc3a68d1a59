package org.kinspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.InitialStateSource;
import org.kinspect.config.InitialStateSources;
import org.kinspect.config.LayerNames;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.ReturnedStates;
import org.kinspect.config.TensorRef;
import org.kinspect.convert.Conversion;
import org.kinspect.convert.ConvertedModelReader;
import org.kinspect.convert.ConvertedModelWriter;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFile;
import org.kinspect.file.KerasFormat;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.WeightTensor;
import org.kinspect.gates.GateTracer;
import org.kinspect.gates.GateTraces;
import org.kinspect.gates.TracedModel;
import org.kinspect.gradients.GradientProbe;
import org.kinspect.gradients.GradientTarget;
import org.kinspect.gradients.Gradients;
import org.kinspect.gradients.WeightNumbering;
import org.kinspect.graph.ConfiguredGraph;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.UnreplacedLambda;
import org.kinspect.initializers.InitialWeights;
import org.kinspect.inspect.ActivationProbe;
import org.kinspect.inspect.ModelSummarizer;
import org.kinspect.inspect.ModelSummary;
import org.kinspect.inspect.RunPreconditions;
import org.kinspect.inspect.memory.Dl4jMemoryEstimate;
import org.kinspect.inspect.memory.Dl4jMemoryEstimator;
import org.kinspect.inspect.memory.MemoryOptions;
import org.kinspect.inspect.memory.MemoryPlan;
import org.kinspect.inspect.memory.MemoryPlanner;
import org.kinspect.safety.TimeLimit;
import org.kinspect.safety.Untrusted;
import org.kinspect.shape.KerasShape;
import org.kinspect.shape.ShapeModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras model imported into DL4J, ready to be looked into. The one class most users need.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.open(Path.of("model.h5"));
 * Map<String, INDArray> outputs = model.activations(Map.of("signal", x)); // every layer, Keras layout
 * INDArray lstm = model.activation("lstm_1", Map.of("signal", x));
 * INDArray kernel = model.weights("lstm_1").get("kernel");            // Keras's shape
 * ComputationGraph graph = model.graph();                              // the DL4J graph itself
 * }</pre>
 */
public final class InspectedModel {
    /**
     * How an error message tells the caller to give a weights-only file's configuration (the CLI
     * says {@code --config FILE}).
     */
    public static final String OPEN_WITH_CONFIG = KerasFile.OPEN_WITH_CONFIG;

    private final ModelArchive archive;
    private final ModelSpec spec;
    /**
     * The model mapped to DL4J, every layer checked; null for a model read from a converted file,
     * whose graph comes whole. Kept for a model opened to be described, whose graph is built on first
     * need (a summary needs none).
     */
    private final ConfiguredGraph configured;
    private final ComputationGraphConfiguration configuration;
    private final boolean hasWeights;
    /** The graph; null until first needed for a model opened to be described ({@link #configured}). */
    private volatile ImportedGraph imported;
    private ActivationProbe probe;
    private final List<String> warnings;
    private final ImportOptions options;
    /** How the model was converted, when it was opened from a converted file; null when imported from Keras. */
    private final Conversion conversion;
    /** Made when gradients are first asked for. */
    private GradientProbe gradientProbe;
    private ImportedGraph numberedTwin;

    /**
     * What an import made ({@link ModelImport}, which does the work, stage after stage): an
     * {@code InspectedModel} imports nothing itself.
     */
    InspectedModel(ModelImport.Result made, ImportOptions options) {
        this.archive = made.archive();
        this.spec = made.spec();
        this.configured = made.configured();
        this.configuration = made.configuration();
        this.hasWeights = made.hasWeights();
        this.imported = made.imported();
        this.warnings = made.warnings();
        this.conversion = made.conversion();
        this.options = options;
    }

    /**
     * Opens a full model file: Keras 1/2/tf.keras/Keras 3 {@code .h5}, a Keras 3 {@code .keras} zip,
     * or a tf.keras SavedModel folder ({@code model.save("my_model")}) or a {@code .zip} or
     * {@code .tar.gz} of one; or a model converted by kinspect ({@link #save}), read without the
     * Keras file and without importing it again.
     *
     * @param modelFile the file
     * @return the imported model
     * @throws KinspectException when the file cannot be read or imported, or importing takes longer
     *     than {@link TimeLimit#limit()}
     */
    public static InspectedModel open(Path modelFile) {
        return open(modelFile, ImportOptions.defaults());
    }

    /**
     * Opens a full model file with custom objects, or strictly.
     *
     * <pre>{@code
     * CustomObjects custom = CustomObjects.none().withLayer("MyPkg>ScaleShift", KerasScaleShift.class);
     * InspectedModel model = InspectedModel.open(Path.of("model.keras"), ImportOptions.defaults().withCustomObjects(custom));
     * }</pre>
     *
     * @param modelFile the file
     * @param options custom objects, and whether unknown ones are refused
     * @return the imported model
     * @throws KinspectException when the file cannot be read or imported, or (strict) names an
     *     initializer that is neither Keras's nor registered
     */
    public static InspectedModel open(Path modelFile, ImportOptions options) {
        // A folder (a SavedModel) is looked into by KerasFile.open; a file's first bytes are looked at once, here.
        KerasFormat format = java.nio.file.Files.isDirectory(modelFile) ? null : KerasFile.detect(modelFile);
        if (format == KerasFormat.KINSPECT_CONVERTED) {
            return TimeLimit.run("opening " + modelFile, () -> Untrusted.reading(modelFile,
                    () -> new InspectedModel(ModelImport.converted(ConvertedModelReader.read(modelFile)), options)));
        }
        return new InspectedModel(ModelImport.importing(modelFile,
                () -> format == null ? KerasFile.open(modelFile) : KerasFile.open(modelFile, format), options), options);
    }

    /**
     * Saves the imported model as one file that {@link #open(Path)} reads back without the Keras
     * file: the DL4J ComputationGraph in DL4J's ModelSerializer form (no updater; DL4J's
     * {@code ModelSerializer.restoreComputationGraph} reads it too, with kinspect's layers on the
     * class path) and what kinspect needs to give every layer's output back in Keras's layout by
     * Keras name: the description of the model, each output's type, the Keras weights by Keras name,
     * the provenance of every parameter and the catalogue entries of the classes it uses.
     *
     * <pre>{@code
     * InspectedModel.open(Path.of("model.h5")).save(Path.of("model.zip"));
     * Predictor predictor = new Predictor(InspectedModel.open(Path.of("model.zip"))); // no Keras file needed
     * }</pre>
     *
     * @param target the file to write (a zip); replaced when it exists
     * @throws KinspectException when the file cannot be written, or the model was opened to be
     *     described only (its Lambdas are stand-ins that compute nothing)
     */
    public void save(Path target) {
        if (options.describeOnly()) {
            throw KinspectException.input(archive.source() + ": opened to be described only (its Lambdas are stand-ins);"
                    + " open it to run it before saving it");
        }
        ConvertedModelWriter.write(target, archive, imported(), warnings);
    }

    /**
     * @return which kinspect converted the model and from which Keras file, when it was opened from
     *     a converted file ({@link #save}); empty for a model imported from a Keras file
     */
    public Optional<Conversion> conversion() {
        return Optional.ofNullable(conversion);
    }

    /**
     * Opens a weights-only {@code .h5} file with the model's JSON configuration.
     *
     * @param weightsFile the weights ({@code model.save_weights})
     * @param configJson the configuration ({@code model.to_json()})
     * @return the imported model
     * @throws KinspectException when a file cannot be read or imported
     */
    public static InspectedModel open(Path weightsFile, Path configJson) {
        return open(weightsFile, configJson, ImportOptions.defaults());
    }

    /**
     * Opens a weights-only {@code .h5} file with the model's JSON configuration, with custom objects
     * or strictly.
     *
     * @param weightsFile the weights ({@code model.save_weights})
     * @param configJson the configuration ({@code model.to_json()})
     * @param options custom objects, and whether unknown ones are refused
     * @return the imported model
     * @throws KinspectException when a file cannot be read or imported
     */
    public static InspectedModel open(Path weightsFile, Path configJson, ImportOptions options) {
        return new InspectedModel(ModelImport.importing(weightsFile, () -> KerasFile.open(weightsFile, configJson), options),
                options);
    }

    /**
     * Opens a model described by its JSON configuration alone ({@code model.to_json()}): its layers,
     * shapes, parameter counts and memory plan are all there; its weights are zeros, so its
     * activations mean nothing.
     *
     * <pre>{@code
     * InspectedModel described = InspectedModel.openConfig(Path.of("model.json"));
     * MemoryPlan plan = described.memoryPlan(MemoryOptions.of(64));
     * }</pre>
     *
     * @param configJson the configuration file
     * @return the imported model, with zero weights ({@link #hasWeights()} is false)
     * @throws KinspectException when the file cannot be read or the model cannot be imported in
     *     {@link TimeLimit#limit()}
     */
    public static InspectedModel openConfig(Path configJson) {
        return openConfig(configJson, ImportOptions.defaults());
    }

    /**
     * As {@link #openConfig(Path)}, with custom objects or Lambda stand-ins.
     *
     * @param configJson the configuration file
     * @param options custom objects; {@link ImportOptions#withDescribeOnly} for a model with Lambdas
     * @return the imported model, with zero weights
     */
    public static InspectedModel openConfig(Path configJson, ImportOptions options) {
        return new InspectedModel(ModelImport.importing(configJson, () -> KerasFile.openConfig(configJson), options), options);
    }

    // The three internals below are the library's, through ModelInternals: users get read-only views
    // (layers(), file(), summary()...).
    /** @return the model as its configuration describes it */
    ModelSpec spec() {
        return spec;
    }

    /** @return what the file held: format, Keras version, backend */
    ModelArchive archive() {
        return archive;
    }

    /** @return the DL4J graph, with the Keras weights in it (built now if it was not yet) */
    public ComputationGraph graph() {
        return imported().graph();
    }

    /**
     * DL4J's configuration of the graph, its vertices named after the Keras layers, without building
     * the graph (no parameters allocated, no weights copied): what describing the model needs.
     *
     * <pre>{@code
     * Set<String> unknown = UnreplacedLambda.unknownShapes(model.configuration());
     * }</pre>
     *
     * @return the configuration
     */
    public ComputationGraphConfiguration configuration() {
        return configuration;
    }

    /**
     * @return the imported graph with DL4J's description of every layer's output; a model opened
     *     to be described only ({@link ImportOptions#withDescribeOnly}) builds it on the first call
     */
    ImportedGraph imported() {
        ImportedGraph built = imported;
        if (built == null) {
            Nd4jStart.await(); // when it was started ahead: its failure thrown here, as on an import
            built = Untrusted.importing(archive.source(), configured::build); // the same graph on every call
            imported = built;
        }
        return built;
    }

    /** @return whether the DL4J graph has been built (a model opened to be described builds it on first need) */
    boolean graphBuilt() {
        // A summary of a described model without weights builds the graph through configured, to count its parameters.
        return imported != null || configured.isBuilt();
    }

    private synchronized ActivationProbe probe() {
        if (probe == null) {
            probe = new ActivationProbe(imported());
        }
        return probe;
    }

    /** @return the model's input layer names, in order */
    public List<String> inputNames() {
        return spec().inputNames();
    }

    /** @return every layer name, in Keras's order */
    public List<String> layerNames() {
        return spec().layerNames();
    }

    /**
     * Every name {@link #activations(Map)} returns, in its order: each layer ({@link #layerNames()},
     * a shared layer's later calls {@code LAYER@1}... among them), followed by the extra outputs the
     * model computes for it, {@code LAYER__1}, {@code LAYER__2}... (the states of a recurrent layer
     * built with {@code return_state=True}, an attention layer's scores). A recurrent layer built
     * without {@code return_state} has none: {@link #withReturnedStates} imports it with them.
     *
     * <pre>{@code
     * model.outputNames(); // [encoder_input, encoder, encoder__1, encoder__2, decoder, ...]
     * }</pre>
     *
     * @return the names of every output the model computes
     */
    public List<String> outputNames() {
        Map<String, ?> vertices = configuration().getVertices();
        List<String> names = new ArrayList<>();
        for (String layer : layerNames()) {
            names.add(layer);
            for (int index = 1; vertices.containsKey(TensorRef.outputName(layer, index)); index++) {
                names.add(TensorRef.outputName(layer, index));
            }
        }
        return names;
    }

    /**
     * @param name a layer, or a layer's extra output ({@code LAYER__1})
     * @return the name, when the model computes an output of that name
     * @throws KinspectException naming the nearest outputs when it does not
     */
    public String requireOutput(String name) {
        List<String> names = outputNames();
        if (!names.contains(name)) {
            throw LayerNames.notFound(names, name);
        }
        return name;
    }

    /**
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @return every layer's output (input layers included) in Keras's layout, keyed by layer name;
     *     a layer's extra outputs as {@code LAYER__1}..., and a shared layer's calls after the
     *     first as {@code LAYER@1}, {@code LAYER@2}... (the first call is {@code LAYER}, what
     *     Keras's {@code layer.output} gives)
     */
    public Map<String, INDArray> activations(Map<String, INDArray> inputs) {
        return TimeLimit.run("running the model", () -> {
            RunPreconditions.check(imported(), inputs);
            return probe().activations(inputs);
        });
    }

    /**
     * @param input the input of a single-input model, in Keras's layout
     * @return every layer's output in Keras's layout, keyed by layer name
     */
    public Map<String, INDArray> activations(INDArray input) {
        if (inputNames().size() != 1) {
            throw KinspectException.input("the model has " + inputNames().size() + " inputs ("
                    + String.join(", ", inputNames()) + "); give one array for each, by name");
        }
        return activations(Map.of(inputNames().get(0), input));
    }

    /**
     * The gradients of a target (a unit of the model's output or of any layer, summed over the
     * batch) with respect to the inputs, every layer's output and every trainable weight, in
     * inference mode as Keras's {@code training=False} (Dropout off, BatchNormalization's moving
     * statistics), in Keras's layout.
     *
     * <pre>{@code
     * Gradients gradients = model.gradients(Map.of("image", x), GradientTarget.outputUnit(3));
     * INDArray saliency = Transforms.abs(gradients.inputs().get("image"));
     * }</pre>
     *
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @param target what to differentiate
     * @return the gradients
     * @throws KinspectException (unsupported) when a layer the target depends on has no backward
     *     pass kinspect has checked against Keras, or the model masks
     */
    public Gradients gradients(Map<String, INDArray> inputs, GradientTarget target) {
        return gradients(inputs, target, true);
    }

    /**
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @param target what to differentiate
     * @param everything false for the inputs' gradients only (no layer outputs, no weights): what
     *     attribution methods, which take many gradients, need
     * @return the gradients
     */
    public Gradients gradients(Map<String, INDArray> inputs, GradientTarget target, boolean everything) {
        return TimeLimit.run("computing gradients", () -> {
            RunPreconditions.check(imported(), inputs);
            if (gradientProbe == null) {
                WeightNumbering numbering = WeightNumbering.of(archive.weights());
                gradientProbe = new GradientProbe(imported(), numbering, () -> numberedImport(numbering));
            }
            return gradientProbe.gradients(inputs, target, everything);
        });
    }

    /** The same model with its weights replaced by their element numbers, imported once. */
    private ImportedGraph numberedImport(WeightNumbering numbering) {
        if (numberedTwin == null) {
            ModelArchive numbered = new ModelArchive(archive.source(), archive.format(), archive.modelConfigJson(),
                    archive.trainingConfigJson(), archive.kerasVersion(), archive.backend(), numbering.numbered());
            numberedTwin = new InspectedModel(ModelImport.described(numbered, spec(), options), options).imported();
        }
        return numberedTwin;
    }

    /**
     * Runs the model only as far as the layer: only the inputs it reads are needed.
     *
     * <pre>{@code
     * INDArray image = model.activation("conv", Map.of("image", x)); // the model's meta input not needed
     * }</pre>
     *
     * @param layerName a Keras layer name, or a layer's extra output ({@code LAYER__1})
     * @param inputs the model inputs the layer reads (others may be left out), keyed by input
     *     layer name
     * @return that layer's output in Keras's layout
     */
    public INDArray activation(String layerName, Map<String, INDArray> inputs) {
        requireOutput(layerName);
        return activations(inputs, List.of(layerName)).get(layerName);
    }

    /**
     * Runs the model only as far as the given layers need: layers after them, and on branches they
     * do not read, are skipped, and only their outputs are converted to Keras's layout. What a pass
     * over a data set for one layer wants.
     *
     * <pre>{@code
     * INDArray lstm = model.activations(Map.of("signal", x), List.of("lstm_1")).get("lstm_1");
     * }</pre>
     *
     * @param inputs the model inputs those layers read (others may be left out), keyed by input
     *     layer name, in Keras's layout
     * @param layers the layers wanted (extra outputs as {@code LAYER__1}...)
     * @return their outputs in Keras's layout, keyed by name
     */
    public Map<String, INDArray> activations(Map<String, INDArray> inputs, Collection<String> layers) {
        return TimeLimit.run("running the model", () -> {
            RunPreconditions.check(imported(), inputs);
            return probe().activations(inputs, layers);
        });
    }

    /**
     * Inside a recurrent cell: every gate, candidate and state of an LSTM, GRU or SimpleRNN layer
     * (or both halves of a Bidirectional wrapper of one) at every time step, computed from the
     * layer's own weights with its own semantics. The traces' {@code h} is checked against the
     * layer's output from the graph at every call (within 1e-6): a mismatch is an internal error.
     *
     * <pre>{@code
     * GateTraces traces = model.gates(Map.of("signal", x), "lstm_1");
     * INDArray forget = traces.trace("f"); // (batch, time, units) in Keras's time order
     * INDArray cell = traces.trace("c");
     * }</pre>
     *
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @param layerName an LSTM, GRU or SimpleRNN layer, or a Bidirectional wrapper of one
     * @return its traces by name ({@code i f g o c h}, {@code z r g h}, {@code pre_activation h};
     *     prefixed {@code forward_}/{@code backward_} for a Bidirectional wrapper)
     * @throws KinspectException {@code unsupported} for a layer that cannot be traced (ConvLSTM2D,
     *     stacked cells, not recurrent), said by name
     */
    public GateTraces gates(Map<String, INDArray> inputs, String layerName) {
        return GateTracer.trace(new TracedModel(spec(), this::weights, this::activations), inputs, layerName);
    }

    /**
     * @return what is odd about the model though it imported, one line each: weights that are NaN
     *     or infinite, weights for layers the configuration does not have, initializers that are
     *     neither Keras's nor registered; empty for a sound model
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * @param inputName a model input
     * @return the shape Keras declares for it, batch first; unknown sizes are -1
     */
    public long[] expectedInputShape(String inputName) {
        return LayerNames.declaredInputShape(spec, inputName);
    }

    /**
     * @param layerName a Keras layer name
     * @return its weights keyed by Keras weight name ({@code kernel}, {@code recurrent_kernel},
     *     {@code bias}...), in Keras's shapes; empty for a layer without weights, and for a later
     *     call of a shared layer ({@code shared@1}), which computes with the layer's one set
     */
    public Map<String, INDArray> weights(String layerName) {
        LayerNames.require(spec(), layerName);
        Map<String, INDArray> weights = new LinkedHashMap<>();
        archive.weights().layer(layerName).map(LayerWeights::tensors).orElse(List.of())
                .forEach((WeightTensor tensor) -> weights.put(tensor.name(), tensor.values()));
        return weights;
    }

    /**
     * @return for every recurrent layer, where its initial states come from: zeros (Keras's
     *     default, not learned), a model input, or a layer
     */
    public List<InitialStateSource> initialStateSources() {
        return InitialStateSources.of(spec());
    }

    /**
     * The same model with the given recurrent layers also returning their final states, as with
     * Keras's {@code return_state=True}: its activations then include {@code LAYER__1} (h),
     * {@code LAYER__2} (c, for an LSTM)... Every other output stays the same.
     *
     * <pre>{@code
     * Map<String, INDArray> outputs = model.withReturnedStates(List.of("lstm_1")).activations(x);
     * INDArray finalH = outputs.get("lstm_1__1");
     * }</pre>
     *
     * @param recurrentLayers recurrent layers of this model
     * @return the model, imported again with those layers returning their states
     * @throws KinspectException when a layer is not a recurrent layer of the model
     */
    public InspectedModel withReturnedStates(java.util.Collection<String> recurrentLayers) {
        recurrentLayers.forEach(layer -> LayerNames.require(spec(), layer));
        return new InspectedModel(ModelImport.described(archive, ReturnedStates.of(spec(), recurrentLayers), options), options);
    }

    /**
     * The same model with every weight drawn afresh from its layer's Keras initializer (built-in
     * or registered), as Keras would initialise it untrained; weights whose initializer kinspect
     * cannot re-create keep the file's values, each said in {@link #warnings()}.
     *
     * <pre>{@code
     * InspectedModel fresh = model.reinitialized(42);
     * INDArray kernel = fresh.weights("dense_1").get("kernel"); // drawn by dense_1's kernel_initializer
     * }</pre>
     *
     * @param seed the seed of every draw whose initializer has no {@code seed} of its own
     * @return the re-initialised model
     */
    public InspectedModel reinitialized(long seed) {
        InitialWeights initial = InitialWeights.draw(spec(), archive.weights(), options.customObjects(), seed);
        ModelArchive redrawn = new ModelArchive(archive.source(), archive.format(), archive.modelConfigJson(),
                archive.trainingConfigJson(), archive.kerasVersion(), archive.backend(), initial.weights());
        return TimeLimit.run("re-initialising " + archive.source(),
                () -> new InspectedModel(ModelImport.described(redrawn, spec(), options, initial.keptWeights()), options));
    }

    /** @return the options the model was imported with */
    public ImportOptions options() {
        return options;
    }

    /** @return a Keras-like summary: each layer's class, output shape, parameters and inputs */
    public ModelSummary summary() {
        return summary(ShapeModel.of(spec));
    }

    /**
     * <pre>{@code
     * model.summary(Map.of("image", KerasShape.of(null, 224, 224, 3)));  // Input((None, None, 3)) at 224x224
     * }</pre>
     *
     * @param inputShapes shapes for inputs of open sizes, batch first (the batch is not used)
     * @return the summary with those sizes filled in
     * @throws KinspectException when a shape names no input or does not fit it
     */
    public ModelSummary summary(Map<String, KerasShape> inputShapes) {
        return summary(ShapeModel.of(spec, inputShapes));
    }

    /** The summary without building the graph when it is not built (only a model without weights needs it). */
    private ModelSummary summary(ShapeModel shapes) {
        return graphBuilt() ? ModelSummarizer.summarize(imported(), archive, shapes)
                : ModelSummarizer.summarize(configured, archive, shapes);
    }

    /**
     * @param options batch size, value type and optimizer
     * @return how much memory the model needs for inference and for training, layer by layer
     */
    public MemoryPlan memoryPlan(MemoryOptions options) {
        return MemoryPlanner.plan(imported(), summary(), options);
    }

    /**
     * <pre>{@code
     * model.memoryPlan(MemoryOptions.of(64), Map.of("image", KerasShape.of(null, 224, 224, 3)));
     * }</pre>
     *
     * @param options batch size, value type and optimizer
     * @param inputShapes shapes for inputs of open sizes, batch first (the batch is not used)
     * @return the plan with those sizes filled in
     * @throws KinspectException when a shape names no input or does not fit it
     */
    public MemoryPlan memoryPlan(MemoryOptions options, Map<String, KerasShape> inputShapes) {
        return MemoryPlanner.plan(imported(), summary(inputShapes), options);
    }

    /**
     * @param file a file a person gave as a model
     * @return true when it is a model's JSON configuration alone ({@code model.to_json()}), which
     *     {@link #openConfig(Path)} opens
     */
    public static boolean isConfigurationOnly(Path file) {
        return !java.nio.file.Files.isDirectory(file) && KerasFile.detect(file) == KerasFormat.JSON_CONFIG;
    }

    /** @return what the model's file said about itself: path, format, Keras version, backend */
    public ModelFile file() {
        return ModelFile.of(archive());
    }

    /** @return the model's name in Keras */
    public String modelName() {
        return spec().modelName();
    }

    /** @return the model's Keras class as written: {@code Sequential}, {@code Model} or {@code Functional} */
    public String modelClass() {
        return spec().originalClassName();
    }

    /** @return false for a model opened from its configuration alone ({@link #openConfig}): its weights are zeros */
    public boolean hasWeights() {
        return hasWeights;
    }

    /**
     * <pre>{@code
     * for (ModelLayer layer : model.layers()) System.out.println(layer.name() + " " + layer.className());
     * }</pre>
     *
     * @return every layer as its configuration describes it, in Keras's order, input layers included
     */
    public List<ModelLayer> layers() {
        return spec().layers().stream().map(ModelLayer::of).toList();
    }

    /**
     * @param name a Keras layer name
     * @return that layer, or empty when the model has no layer of that name (a layer's extra
     *     output {@code LAYER__1} is no layer)
     */
    public Optional<ModelLayer> layer(String name) {
        return spec().layer(name).map(ModelLayer::of);
    }

    /**
     * @param name a Keras layer name
     * @return that layer
     * @throws KinspectException naming the nearest layer names when the model has no layer of that name
     */
    public ModelLayer requireLayer(String name) {
        return ModelLayer.of(LayerNames.require(spec(), name));
    }

    /** @return the model's output layers, in order */
    public List<String> outputLayerNames() {
        return spec().outputNames();
    }

    /**
     * @return the model's outputs as {@link #activations(Map)} names them, in order: a layer, or a
     *     layer's extra output when that is what the model outputs ({@code gru_1__1}, a returned state)
     */
    public List<String> modelOutputNames() {
        return spec().outputTensors().stream().map(TensorRef::outputName).toList();
    }

    /**
     * DL4J's own memory estimate for the imported graph, to set beside {@link #memoryPlan}.
     *
     * <pre>{@code
     * Dl4jMemoryEstimate dl4j = model.dl4jMemoryEstimate(MemoryOptions.of(64), Map.of());
     * if (dl4j.available()) System.out.println(dl4j.inferenceBytes());
     * }</pre>
     *
     * @param options batch size, value type and optimizer
     * @param inputShapes shapes for inputs of open sizes, batch first (empty when none are open)
     * @return DL4J's estimate, or unavailable saying why (a size still open)
     */
    public Dl4jMemoryEstimate dl4jMemoryEstimate(MemoryOptions options, Map<String, KerasShape> inputShapes) {
        return Dl4jMemoryEstimator.estimate(imported(), options, inputShapes);
    }

    /**
     * @return the Lambda layers imported as stand-ins, which are described but not run (a model
     *     opened with {@link ImportOptions#withDescribeOnly} whose Lambdas have no Java replacement)
     */
    public List<String> lambdasNotRun() {
        Map<String, ?> vertices = configuration().getVertices();
        return layerNames().stream().filter(layer -> vertices.get(layer) instanceof LayerVertex vertex
                && vertex.getLayerConf().getLayer() instanceof UnreplacedLambda).toList();
    }

    /**
     * @return the layers whose output shape is not known: the Lambda stand-ins Keras recorded no
     *     shape for, and every layer after them; empty for a model without stand-ins
     */
    public Set<String> layersOfUnknownShape() {
        return UnreplacedLambda.unknownShapes(configuration());
    }
}
