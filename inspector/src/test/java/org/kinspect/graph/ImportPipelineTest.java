package org.kinspect.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.WeightStore;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.base.LayerHints;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.kinspect.graph.layers.TimeDistributedStepsMapper;
import org.kinspect.graph.operations.OperationLayerMapper;
import org.kinspect.graph.recurrent.RecurrentOutputMapper;
import org.kinspect.graph.recurrent.RecurrentWithStatesMapper;
import org.kinspect.inspect.ActivationProbe;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.kinspect.weights.WeightNaming;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J hand-off run step by step on real Keras 3 fixtures: before and after each step with a
 * visible effect on the model, that effect is checked; at the end the graph built one step at a
 * time gives Keras's own numbers for every layer. And the step list is the one ARCHITECTURE.md
 * documents.
 */
class ImportPipelineTest {

    /** Runs the steps one at a time, checking the effects given by step name, then Keras's numbers. */
    private static ImportRun stepByStep(String fixture, Map<String, StepEffect> effects) {
        ImportRun run = newRun(fixture);
        Set<String> stepNames = new HashSet<>(ImportPipeline.STEPS.stream().map(ImportStep::name).toList());
        assertTrue(stepNames.containsAll(effects.keySet()), "no such step: " + effects.keySet());
        for (ImportStep step : ImportPipeline.STEPS) {
            StepEffect effect = effects.getOrDefault(step.name(), StepEffect.NONE);
            effect.before().accept(run);
            ImportPipeline.apply(step, run);
            effect.after().accept(run);
        }
        keepsKerasNumbers(run, KerasReferenceCheck.resource(fixture + "_io.h5"));
        return run;
    }

    private static ImportRun newRun(String fixture) {
        Path model = KerasReferenceCheck.resource(fixture + ".keras");
        ModelArchive archive = WeightNaming.read(model);
        ModelSpec spec = ConfigNormalizer.normalize(archive.modelConfigJson(), archive.kerasVersion(),
                archive.backend(), model.toString());
        return new ImportRun(spec, archive.weights(), model.toString(), CustomObjects.none());
    }

    private static void keepsKerasNumbers(ImportRun run, Path referenceFile) {
        KerasReference reference = KerasReference.read(referenceFile);
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        List<INDArray> given = new ArrayList<>(reference.inputs().values());
        for (int i = 0; i < run.spec.inputNames().size(); i++) {
            String name = run.spec.inputNames().get(i);
            inputs.put(name, reference.inputs().getOrDefault(name, given.get(i)));
        }
        Map<String, INDArray> ours = new ActivationProbe(run.imported()).activations(inputs);
        assertFalse(reference.activations().isEmpty());
        reference.activations().forEach((layer, keras) -> {
            LayerComparison comparison = LayerComparison.compare(layer, ours.get(layer), keras, 1e-5);
            assertTrue(comparison.matches(), layer + ": max abs error " + comparison.maxAbsoluteError());
        });
    }

    @Test
    void aMaskedGruStepByStep() {
        stepByStep("/gru/embedding_mask_zero_gru", Map.of(
                "description copy", new StepEffect(run -> assertNull(run.dl4jConfig), run -> {
                    assertEquals(run.spec.functionalConfig(), run.dl4jConfig);
                    assertNotSame(run.spec.functionalConfig(), run.dl4jConfig);
                    assertThrows(UnsupportedOperationException.class,
                            () -> run.spec.layer("embed").orElseThrow().config().put("mask_zero", false),
                            "the description is unmodifiable");
                }),
                "embeddings without mask_zero", new StepEffect(
                        run -> assertEquals(true, layerConfig(run, "embed").get("mask_zero")),
                        run -> {
                            assertEquals(false, layerConfig(run, "embed").get("mask_zero"));
                            assertEquals(true, run.spec.layer("embed").orElseThrow().config().get("mask_zero"),
                                    "the description itself keeps its mask");
                        }),
                "recurrent hints", new StepEffect(
                        run -> assertEquals(LayerHints.NONE, run.hints.build().of("gru")),
                        run -> {
                            assertEquals("embed", run.hints.build().of("gru").maskOrigin());
                            assertFalse(layerConfig(run, "gru").keySet().stream().anyMatch(key -> key.startsWith("kinspect")),
                                    "no marker keys in the configuration");
                        }),
                "DL4J mapping", new StepEffect(run -> assertNull(run.kerasModel),
                        run -> assertTrue(run.kerasModel.getLayers().keySet().containsAll(List.of("tokens", "embed", "gru")))),
                "DL4J configuration", new StepEffect(run -> assertNull(run.configuration), run -> {
                    assertTrue(run.configuration.getVertices().containsKey("gru"));
                    assertNotNull(run.outputTypes.get("gru"));
                }),
                "no workspaces", new StepEffect(run -> {}, run -> {
                    assertEquals(WorkspaceMode.NONE, run.configuration.getInferenceWorkspaceMode());
                    assertEquals(WorkspaceMode.NONE, run.configuration.getTrainingWorkspaceMode());
                }),
                "fixed seeds", new StepEffect(run -> {}, run -> {
                    assertEquals(0L, run.configuration.getDefaultConfiguration().getSeed());
                    run.configuration.getVertices().values().stream()
                            .filter(vertex -> vertex instanceof LayerVertex)
                            .forEach(vertex -> assertEquals(0L, ((LayerVertex) vertex).getLayerConf().getSeed()));
                }),
                "graph", new StepEffect(run -> assertNull(run.graph),
                        run -> assertTrue(run.graph.params() == null || run.graph.params().isEmpty(), "not initialised yet")),
                "initialisation", new StepEffect(run -> {}, run -> {
                    assertTrue(run.weightsFromFile);
                    assertEquals(GraphImporter.parameterCount(run.configuration), run.graph.params().length());
                }),
                "weights", new StepEffect(run -> assertFalse(run.provenance.recorded("gru", "W")), run -> {
                    assertTrue(run.provenance.recorded("gru", "W"));
                    assertTrue(run.provenance.recorded("embed", "W"));
                })));
    }

    @Test
    void aLayerReturningItsStatesStepByStep() {
        stepByStep("/keras3/lstm_return_state", Map.of(
                "recurrent states", new StepEffect(run -> {
                    assertEquals("LSTM", layer(run, "encoder").get("class_name"));
                    assertNull(layerOrNull(run, "encoder__outputs"));
                }, run -> {
                    assertEquals(RecurrentOutputMapper.CLASS_NAME, layer(run, "encoder").get("class_name"));
                    assertEquals(RecurrentWithStatesMapper.CLASS_NAME, layer(run, "encoder__outputs").get("class_name"));
                    assertEquals("LSTM", run.spec.layer("encoder").orElseThrow().className());
                })));
    }

    @Test
    void aKeras3HardSigmoidStepByStep() {
        stepByStep("/keras3/hard_sigmoid", Map.of(
                "Keras 3 semantics", new StepEffect(
                        run -> assertEquals("ActivationHardSigmoid", activationOf(run, "dense")),
                        run -> assertEquals("Keras3HardSigmoid", activationOf(run, "dense")))));
    }

    @Test
    void maskedLayersStepByStep() {
        stepByStep("/masking/masking_long", Map.of(
                "masked RNNs", new StepEffect(
                        run -> assertEquals("MaskZeroLayer", layerClassOf(run, "lstm_last")),
                        run -> assertEquals("MaskedRnn", layerClassOf(run, "lstm_last"))),
                "Masking layers", new StepEffect(
                        run -> assertEquals("MaskZeroLayer", layerClassOf(run, "masking")),
                        run -> assertEquals("MaskingLayer", layerClassOf(run, "masking")))));
        stepByStep("/masking/masked_pooling", Map.of(
                "masked pooling", new StepEffect(
                        run -> assertEquals("GlobalPoolingLayer", layerClassOf(run, pooling(run))),
                        run -> assertEquals("MaskedAveragePooling", layerClassOf(run, pooling(run))))));
    }

    @Test
    void aMaskedAttentionStepByStep() {
        stepByStep("/layers/masked_value_attention", Map.of(
                "layer notes", new StepEffect(
                        run -> assertEquals(LayerHints.NONE, run.hints.build().of("cross")),
                        run -> assertEquals(new AttentionCall(0, 1, 1, -1, false),
                                run.hints.build().of("cross").notes().attentionCall())),
                "attention mask hints", new StepEffect(
                        run -> assertEquals(null, run.hints.build().of("cross").inputMaskOrigins()),
                        run -> {
                            List<String> origins = run.hints.build().of("cross").inputMaskOrigins();
                            assertEquals(null, origins.get(0), "the query is not masked");
                            assertTrue(origins.contains("value_embed"), "the value's mask: " + origins);
                            assertEquals(LayerHints.NONE, run.hints.build().of("query"));
                        })));
    }

    @Test
    void operationLayersStepByStep() {
        stepByStep("/ops/matmul", Map.of(
                "operation layers", new StepEffect(
                        run -> assertTrue(classesOf(run).stream().noneMatch(OperationLayerMapper.CLASS_NAME::equals)),
                        run -> {
                            assertTrue(classesOf(run).contains(OperationLayerMapper.CLASS_NAME));
                            assertFalse(run.hints.build().channelsFirstModel());
                            for (Object layer : run.layers()) {
                                Map<?, ?> entry = (Map<?, ?>) layer;
                                String name = String.valueOf(((Map<?, ?>) entry.get("config")).get("name"));
                                if (OperationLayerMapper.CLASS_NAME.equals(entry.get("class_name"))) {
                                    assertEquals(run.spec.layer(name).orElseThrow().className(),
                                            run.hints.build().of(name).kerasClassName(), "the Keras class of " + name);
                                }
                            }
                        })));
    }

    @Test
    void rewritesForDl4jStepByStep() {
        stepByStep("/random/random_022", Map.of(
                "inputs first", new StepEffect(
                        run -> assertEquals(List.of("input_1", "input_0"), inputsInLayerOrder(run)),
                        run -> assertEquals(run.spec.inputNames(), inputsInLayerOrder(run)))));
        stepByStep("/random/zero_padding_upsampling_1d", Map.of(
                "trailing reshapes", new StepEffect(
                        run -> assertNull(layerOrNull(run, "flatten" + TrailingReshapes.SUFFIX)),
                        run -> assertEquals("Activation", layer(run, "flatten" + TrailingReshapes.SUFFIX).get("class_name"))),
                "overridden mappers", new StepEffect(
                        run -> assertEquals("ZeroPadding1D", layer(run, "zero_padding1d").get("class_name")),
                        run -> assertEquals(ReplacedClassNames.PREFIX + "ZeroPadding1D",
                                layer(run, "zero_padding1d").get("class_name")))));
        stepByStep("/layers/time_distributed_images", Map.of(
                "time-distributed steps", new StepEffect(
                        run -> assertEquals("TimeDistributed", layer(run, "td_conv").get("class_name")),
                        run -> assertEquals(TimeDistributedStepsMapper.CLASS_NAME, layer(run, "td_conv").get("class_name")))));
        stepByStep("/layers/dense_activations", Map.of(
                "activations for DL4J", new StepEffect(
                        run -> assertEquals("mish", layerConfig(run, "dense_mish").get("activation")),
                        run -> assertEquals("linear", layerConfig(run, "dense_mish").get("activation"))),
                "DL4J-safe initializers", new StepEffect(
                        run -> assertEquals("GlorotUniform", initializerOf(run, "dense_gelu")),
                        run -> assertEquals("VarianceScaling", initializerOf(run, "dense_gelu"))),
                "activations from kinspect", new StepEffect(
                        run -> assertEquals("ActivationIdentity", activationOf(run, "dense_mish")),
                        run -> assertFalse(activationOf(run, "dense_mish").equals("ActivationIdentity")))));
        stepByStep("/masking/masked_merges", Map.of(
                "masked merges", new StepEffect(
                        run -> assertEquals("ElementWiseVertex", vertexClassOf(run, "maximum_two")),
                        run -> assertEquals("MaskedMerge", vertexClassOf(run, "maximum_two")))));
    }

    @Test
    void mixedImageLayoutsStepByStep() {
        stepByStep("/layers/channels_first_convolutions", Map.of(
                "mixed image layouts", new StepEffect(
                        run -> assertFalse("ImageLayoutPreProcessor".equals(preProcessorOf(run, "pad_last"))),
                        run -> assertEquals("ImageLayoutPreProcessor", preProcessorOf(run, "pad_last")))));
    }

    /** A configuration without weights: a graph of zeros, and every parameter says so. */
    @Test
    void aConfigurationAloneStepByStep() {
        ImportRun given = newRun("/gru/embedding_mask_zero_gru");
        ImportRun run = new ImportRun(given.spec, WeightStore.empty(), given.source, CustomObjects.none());
        for (ImportStep step : ImportPipeline.STEPS) {
            ImportPipeline.apply(step, run);
            switch (step.name()) {
                case "initialisation" -> {
                    assertFalse(run.weightsFromFile);
                    assertEquals(0.0, run.graph.params().maxNumber().doubleValue());
                    assertEquals(0.0, run.graph.params().minNumber().doubleValue());
                }
                case "weights" -> assertFalse(run.provenance.recorded("gru", "W"), "nothing copied");
                case "provenance" -> {
                    for (var vertex : run.graph.getVertices()) {
                        if (vertex.params() != null && vertex.params().length() > 0) {
                            for (String parameter : vertex.paramTable(false).keySet()) {
                                assertTrue(run.provenance.recorded(vertex.getVertexName(), parameter),
                                        vertex.getVertexName() + " " + parameter);
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        assertFalse(run.imported().hasWeights());
    }

    /**
     * The hints reach kinspect's mapper, which DL4J makes from the configuration alone: an operation
     * layer in a model with channels_first layers is refused, in the words of its mapper, naming its
     * Keras class (both from the hints).
     */
    @Test
    void theHintsReachTheMappers() {
        ImportRun run = newRun("/ops/channels_first_op");
        KinspectException refused = assertThrows(KinspectException.class, () -> ImportPipeline.run(run));
        assertTrue(run.hints.build().channelsFirstModel());
        assertTrue(refused.getMessage().contains("in a model with channels_first layers in layer 'tanh' (Tanh)"),
                refused.getMessage());
    }

    /** The steps, their phases and purposes, as ARCHITECTURE.md's table of the import pipeline lists them. */
    @Test
    void theStepsAreThoseArchitectureDocuments() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("../ARCHITECTURE.md"))) {
            if (line.contains("<!-- import pipeline -->")) {
                inTable = true;
            } else if (line.contains("<!-- /import pipeline -->")) {
                inTable = false;
            } else if (inTable && line.startsWith("| ") && !line.startsWith("| step |")) {
                String[] cells = line.split("\\|");
                documented.add(cells[1].strip().replace("`", "") + " | " + cells[2].strip() + " | "
                        + cells[3].strip().replace("`", ""));
            }
        }
        List<String> steps = ImportPipeline.STEPS.stream()
                .map(step -> step.name() + " | " + step.phase().label() + " | " + step.purpose()).toList();
        assertEquals(steps, documented);
    }

    /** What one step does to a run: checked just before it runs, and just after. */
    private record StepEffect(Consumer<ImportRun> before, Consumer<ImportRun> after) {
        static final StepEffect NONE = new StepEffect(run -> {}, run -> {});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layerOrNull(ImportRun run, String name) {
        for (Object layer : run.layers()) {
            Map<String, Object> entry = (Map<String, Object>) layer;
            if (name.equals(((Map<String, Object>) entry.get("config")).get("name"))) {
                return entry;
            }
        }
        return null;
    }

    private static Map<String, Object> layer(ImportRun run, String name) {
        Map<String, Object> found = layerOrNull(run, name);
        assertNotNull(found, "no layer " + name);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layerConfig(ImportRun run, String name) {
        return (Map<String, Object>) layer(run, name).get("config");
    }

    private static List<String> classesOf(ImportRun run) {
        return run.layers().stream().map(layer -> String.valueOf(((Map<?, ?>) layer).get("class_name"))).toList();
    }

    private static List<String> inputsInLayerOrder(ImportRun run) {
        return run.layers().stream().map(layer -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) layer).get("config")).get("name")))
                .filter(run.spec.inputNames()::contains).toList();
    }

    private static String initializerOf(ImportRun run, String name) {
        return String.valueOf(((Map<?, ?>) layerConfig(run, name).get("kernel_initializer")).get("class_name"));
    }

    private static String vertexClassOf(ImportRun run, String name) {
        return run.configuration.getVertices().get(name).getClass().getSimpleName();
    }

    private static String preProcessorOf(ImportRun run, String name) {
        var preProcessor = ((LayerVertex) run.configuration.getVertices().get(name)).getPreProcessor();
        return preProcessor == null ? null : preProcessor.getClass().getSimpleName();
    }

    private static Layer dl4jLayer(ImportRun run, String name) {
        return ((LayerVertex) run.configuration.getVertices().get(name)).getLayerConf().getLayer();
    }

    private static String layerClassOf(ImportRun run, String name) {
        return dl4jLayer(run, name).getClass().getSimpleName();
    }

    private static String activationOf(ImportRun run, String name) {
        return ((BaseLayer) dl4jLayer(run, name)).getActivationFn().getClass().getSimpleName();
    }

    private static String pooling(ImportRun run) {
        return run.spec.layers().stream().filter(layer -> layer.className().equals("GlobalAveragePooling1D"))
                .findFirst().orElseThrow().name();
    }
}
