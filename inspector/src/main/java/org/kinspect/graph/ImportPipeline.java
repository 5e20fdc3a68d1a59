package org.kinspect.graph;

import static org.kinspect.graph.ImportStep.Phase.AFTER_DL4J;
import static org.kinspect.graph.ImportStep.Phase.BEFORE_DL4J;
import static org.kinspect.graph.ImportStep.Phase.DL4J;
import static org.kinspect.graph.ImportStep.Phase.GRAPH;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.config.ConfigValues;
import org.kinspect.config.LayerNotes;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.activations.ActivationRewrite;
import org.kinspect.graph.attention.AttentionMaskHints;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.convolution.MixedImageLayouts;
import org.kinspect.graph.layers.TimeDistributedStepsMapper;
import org.kinspect.graph.layers.OverriddenMappers;
import org.kinspect.graph.layers.RecurrentLayerHints;
import org.kinspect.graph.masking.MaskedMergeRewrite;
import org.kinspect.graph.masking.MaskedRnnRewrite;
import org.kinspect.graph.masking.MaskingRewrite;
import org.kinspect.graph.operations.FoldedSequences;
import org.kinspect.graph.operations.OperationRewrite;
import org.kinspect.graph.pooling.MaskedPoolingRewrite;
import org.kinspect.graph.recurrent.RecurrentStateRewrite;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J hand-off, in order: the steps that rewrite the description for DL4J's Keras importer,
 * DL4J's mapping, the steps that correct what DL4J built, and the graph with the Keras weights in it.
 * {@link #STEPS} is the one place the order is written; ARCHITECTURE.md lists the same steps
 * (a test compares the two). Each step is run on its own by a test as well as in the whole.
 *
 * <pre>{@code
 * ImportedGraph imported = ImportPipeline.run(new ImportRun(spec, weights, "model.keras", custom));
 * }</pre>
 */
final class ImportPipeline {
    /** Every step, in the order they run. */
    static final List<ImportStep> STEPS = List.of(
            new ImportStep("description copy", BEFORE_DL4J,
                    "a mutable copy of the (unmodifiable) description, for the steps below to rewrite and DL4J to read",
                    ImportPipeline::copyDescription),
            new ImportStep("layer notes", BEFORE_DL4J,
                    "what normalisation noted of each layer (an operation, an attention call) into the hints",
                    ImportPipeline::noteLayers),
            new ImportStep("inputs first", BEFORE_DL4J,
                    "the input layers first, in input_layers order, the order DL4J types them in",
                    run -> InputsFirst.apply(run.spec.inputNames(), run.layers())),
            new ImportStep("Keras 1 image ordering", BEFORE_DL4J,
                    "a Keras 1 model's layers without dim_ordering get tf when every other layer says tf",
                    run -> Keras1ImageOrdering.apply(run.layers(), run.spec)),
            new ImportStep("channels-first sequences", BEFORE_DL4J,
                    "channels_first 1D layers given to DL4J as channels_last, their input transposed",
                    run -> ChannelsFirstSequences.rewrite(run.layers())),
            new ImportStep("trailing reshapes", BEFORE_DL4J,
                    "a Flatten, Reshape or Permute ending the model gets a linear Activation after it",
                    run -> TrailingReshapes.rewrite(run.model())),
            new ImportStep("miscomputed layers", BEFORE_DL4J,
                    "layers DL4J would compute wrongly are refused by name",
                    run -> MiscomputedLayers.refuse(run.layers())),
            new ImportStep("time-distributed steps", BEFORE_DL4J,
                    "a TimeDistributed over images or sequences goes to kinspect's time-folding mapper",
                    run -> TimeDistributedStepsMapper.rename(run.layers(), run.spec)),
            new ImportStep("recurrent hints", BEFORE_DL4J,
                    "GRU and ConvLSTM2D layers' masks into the hints; Bidirectional GRUs renamed",
                    run -> RecurrentLayerHints.annotate(run.layers(), run.spec, run.hints)),
            new ImportStep("attention mask hints", BEFORE_DL4J,
                    "attention layers' input masks into the hints",
                    run -> AttentionMaskHints.annotate(run.layers(), run.spec, run.hints)),
            new ImportStep("activations for DL4J", BEFORE_DL4J,
                    "activations DL4J does not know become linear until DL4J has mapped the layer",
                    run -> ActivationRewrite.prepare(run.layers())),
            new ImportStep("operation layers", BEFORE_DL4J,
                    "keras.ops and tf.keras op layers go to kinspect's operation mapper",
                    run -> OperationRewrite.prepare(run.layers(), run.spec, run.hints)),
            new ImportStep("overridden mappers", BEFORE_DL4J,
                    "classes DL4J maps wrongly get kinspect's class name, under which its mapper is registered",
                    run -> OverriddenMappers.prepare(run.layers())),
            new ImportStep("embeddings without mask_zero", BEFORE_DL4J,
                    "DL4J is told mask_zero=false: kinspect computes the masks, DL4J would zero row 0",
                    run -> UnmaskedEmbeddings.apply(run.layers())),
            new ImportStep("DL4J-safe initializers", BEFORE_DL4J,
                    "every initializer in a form DL4J reads; unknown ones become Zeros (weights come from the file)",
                    ImportPipeline::safeInitializers),
            new ImportStep("custom layers", BEFORE_DL4J,
                    "the user's custom layers and Lambda replacements found; Lambdas without one refused",
                    run -> run.registrations = CustomLayers.registrations(run.layers(), run.spec, run.custom, run.source)),
            new ImportStep("recurrent states", BEFORE_DL4J,
                    "a layer with initial or returned states (or attention scores) becomes a packing vertex"
                            + " and its outputs; last, as it wraps layers as the steps above left them",
                    run -> RecurrentStateRewrite.rewrite(run.spec, run.model(), run.hints)),
            new ImportStep("DL4J mapping", DL4J,
                    "DL4J's KerasModel maps every layer with DL4J's mappers and kinspect's",
                    ImportPipeline::mapLayers),
            new ImportStep("DL4J configuration", DL4J,
                    "DL4J builds the graph configuration and each layer's output type",
                    ImportPipeline::buildConfiguration),
            new ImportStep("folded sequences", AFTER_DL4J,
                    "operations on a sequence DL4J folded into the batch refused where folding changes the result",
                    run -> FoldedSequences.check(run.configuration, run.outputTypes, run.source)),
            new ImportStep("activations from kinspect", AFTER_DL4J,
                    "layers whose activation DL4J does not know get kinspect's",
                    run -> ActivationRewrite.apply(run.configuration, GraphImporter.layersOf(run.spec.functionalConfig()),
                            run.source)),
            new ImportStep("mixed image layouts", AFTER_DL4J,
                    "each image layer reads its input in its own data_format; sizes worked out again",
                    run -> run.outputTypes = MixedImageLayouts.apply(run.configuration, run.spec, run.outputTypes)),
            new ImportStep("Keras 3 semantics", AFTER_DL4J,
                    "a Keras 3 file's hard_sigmoid is Keras 3's",
                    ImportPipeline::keras3Semantics),
            new ImportStep("masked RNNs", AFTER_DL4J,
                    "LSTM and SimpleRNN layers given a mask compute Keras's masking",
                    run -> MaskedRnnRewrite.apply(run.configuration, run.spec, run.source)),
            new ImportStep("masked pooling", AFTER_DL4J,
                    "a GlobalAveragePooling1D given a mask averages the kept steps only",
                    run -> MaskedPoolingRewrite.apply(run.configuration, run.spec, run.source)),
            new ImportStep("masked merges", AFTER_DL4J,
                    "a Keras 3 Maximum, Minimum or Multiply of a masked input merges as Keras does",
                    run -> MaskedMergeRewrite.apply(run.configuration, run.spec, run.outputTypes, run.source)),
            new ImportStep("Masking layers", AFTER_DL4J,
                    "a Masking layer on a sequence outputs zeros at the masked steps",
                    run -> MaskingRewrite.apply(run.configuration, run.spec, run.outputTypes)),
            new ImportStep("no workspaces", AFTER_DL4J,
                    "no workspaces: they reuse activation memory, inspection keeps every layer's output",
                    ImportPipeline::noWorkspaces),
            new ImportStep("fixed seeds", AFTER_DL4J,
                    "every layer's seed 0: DL4J seeds from the clock for a random initialisation kinspect never runs,"
                            + " so one model always gives one configuration",
                    ImportPipeline::fixedSeeds),
            new ImportStep("graph limits", AFTER_DL4J,
                    "a configuration too large to allocate, or with an empty output, refused before allocation",
                    run -> GraphLimits.check(run.configuration, run.outputTypes, run.source)),
            new ImportStep("graph", GRAPH,
                    "DL4J's ComputationGraph made from the configuration",
                    run -> run.graph = new ComputationGraph(run.configuration)),
            new ImportStep("initialisation", GRAPH,
                    "the graph initialised from a given parameter vector, without DL4J's random initialisation",
                    ImportPipeline::initialise),
            new ImportStep("weights", GRAPH,
                    "the Keras weights copied in, in DL4J's layout; parameters they do not cover zeroed",
                    GraphImporter::copyWeights),
            new ImportStep("provenance", GRAPH,
                    "where every parameter came from; a parameter no weight reached is refused",
                    GraphImporter::completeProvenance));

    private ImportPipeline() {}

    /**
     * @param run a new run
     * @return the imported graph, once every step has run
     * @throws KinspectException when a step refuses the model or DL4J fails on it
     */
    static ImportedGraph run(ImportRun run) {
        configure(run);
        return build(run);
    }

    /**
     * Runs the steps before the graph: DL4J's configuration, corrected and checked. What a model
     * opened to be described needs; {@link #build} finishes it when the graph is wanted.
     *
     * @param run a new run
     * @throws KinspectException when a step refuses the model or DL4J fails on it
     */
    static void configure(ImportRun run) {
        for (ImportStep step : STEPS) {
            if (step.phase() != GRAPH) {
                apply(step, run);
            }
        }
    }

    /**
     * Runs the steps of the graph on a configured run: the graph made, initialised and given the
     * Keras weights.
     *
     * @param run a run {@link #configure} has taken
     * @return the imported graph
     * @throws KinspectException when a layer's weights are missing or do not fit
     */
    static ImportedGraph build(ImportRun run) {
        for (ImportStep step : STEPS) {
            if (step.phase() == GRAPH) {
                apply(step, run);
            }
        }
        return run.imported();
    }

    /**
     * Runs one step. A failure before or inside DL4J's mapping becomes one line that names the
     * layer DL4J failed on ({@link Dl4jFailures}); the later steps fail in their own words.
     *
     * @param step the step
     * @param run the run, with what the steps before it left
     */
    static void apply(ImportStep step, ImportRun run) {
        try {
            step.action().apply(run);
        } catch (KinspectException e) {
            throw e;
        } catch (UnsupportedKerasConfigurationException e) {
            throw Dl4jFailures.explain(run.source, run.spec, "cannot import (not supported yet)", e);
        } catch (Exception | LinkageError e) {
            if (step.phase() == AFTER_DL4J || step.phase() == GRAPH) {
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e instanceof Error error) {
                    throw error;
                }
                throw KinspectException.internal("step '" + step.name() + "' failed: " + Dl4jFailures.oneLine(e));
            }
            throw Dl4jFailures.explain(run.source, run.spec, "cannot import", e);
        }
    }

    private static void copyDescription(ImportRun run) {
        run.dl4jConfig = ConfigValues.mutableCopy(run.spec.functionalConfig());
    }

    private static void noteLayers(ImportRun run) {
        for (LayerSpec layer : run.spec.layers()) {
            if (!layer.notes().equals(LayerNotes.NONE)) {
                run.hints.update(layer.name(), hints -> hints.withNotes(layer.notes()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void safeInitializers(ImportRun run) {
        for (Object layer : run.layers()) {
            Dl4jSafeInitializers.rewrite((Map<String, Object>) ((Map<String, Object>) layer).get("config"),
                    run.spec.kerasMajorVersion());
        }
    }

    private static void mapLayers(ImportRun run) throws Exception {
        // DL4J makes kinspect's mappers from the configuration alone: they read the hints from here.
        run.kerasModel = ImportHints.during(run.hints.build(),
                () -> Dl4jRegistry.mapping(run.registrations, () -> ConfigOnlyKerasModel.of(run.dl4jConfig)));
    }

    private static void buildConfiguration(ImportRun run) {
        try {
            run.configuration = run.kerasModel.getComputationGraphConfiguration();
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException | RuntimeException e) {
            throw Dl4jFailures.explain(run.source, run.spec, "cannot build the DL4J graph for", e);
        }
        run.outputTypes = run.kerasModel.getOutputTypes();
    }

    private static void keras3Semantics(ImportRun run) {
        if (run.spec.kerasMajorVersion() >= 3) {
            Keras3Semantics.apply(run.configuration);
        }
    }

    private static void noWorkspaces(ImportRun run) {
        run.configuration.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        run.configuration.setTrainingWorkspaceMode(WorkspaceMode.NONE);
    }

    private static void fixedSeeds(ImportRun run) {
        if (run.configuration.getDefaultConfiguration() != null) {
            run.configuration.getDefaultConfiguration().setSeed(0);
        }
        for (GraphVertex vertex : run.configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layer && layer.getLayerConf() != null) {
                layer.getLayerConf().setSeed(0);
            }
        }
    }

    private static void initialise(ImportRun run) {
        long parameterCount = GraphImporter.parameterCount(run.configuration);
        run.weightsFromFile = !run.weights.configurationOnly() && parameterCount > 0;
        // From the file: not zero-filled, as every parameter the Keras weights do not overwrite is zeroed.
        run.graph.init(run.weightsFromFile ? ParameterVector.uninitialized(parameterCount)
                : Nd4j.zeros(DataType.FLOAT, 1, parameterCount), false);
    }
}
