package org.kinspect.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.memory.Dl4jMemoryEstimate;
import org.kinspect.inspect.memory.LayerMemory;
import org.kinspect.inspect.memory.MemoryPlan;

/**
 * The {@code --json} document of {@code kinspect memory}: every size in bytes.
 *
 * <pre>{@code
 * {"batch": 64, "dtype_bytes": 4, "layers": [{"name": "conv2d_1", "class": "Conv2D",
 *   "output_shape": [50, 50, 32], "values_per_example": 80000, "activation_bytes": 20480000,
 *   "parameters": 896, ...}, ...], "inference_bytes": 44131608, "training_bytes": 152706144, ...}
 * }</pre>
 */
final class MemoryJson {

    private MemoryJson() {}

    static Map<String, Object> document(Path modelFile, InspectedModel model, MemoryPlan plan, Dl4jMemoryEstimate dl4j) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFile.toString());
        document.put("name", model.modelName());
        document.put("has_weights", model.hasWeights());
        document.put("batch", plan.options().batch());
        document.put("dtype", plan.options().precision().kerasName());
        document.put("dtype_bytes", plan.options().precision().bytes());
        document.put("optimizer", plan.options().optimizer().cliName());
        document.put("optimizer_state_copies", plan.options().optimizer().stateCopies());
        document.put("steps_for_unknown_sizes", plan.options().stepsForUnknownSizes());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerMemory layer : plan.layers()) {
            layers.add(layer(layer));
        }
        document.put("layers", layers);
        document.put("parameters", plan.parameters());
        document.put("trainable_parameters", plan.trainableParameters());
        document.put("inference_bytes", plan.inferenceBytes());
        document.put("training_bytes", plan.trainingBytes());
        document.put("complete", plan.complete());
        document.put("layers_of_unknown_size", plan.layersOfUnknownSize());
        document.put("inputs_of_open_size", plan.inputsOfOpenSize().stream().map(LayerMemory::name).toList());
        document.put("inference", inference(plan.inference()));
        document.put("training", training(plan.training()));
        document.put("dl4j", dl4j(dl4j));
        return document;
    }

    private static Map<String, Object> layer(LayerMemory layer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", layer.name());
        json.put("class", layer.className());
        json.put("output_shape", layer.outputShape());
        json.put("values_per_example", layer.valuesPerExample());
        json.put("activation_bytes", layer.activationBytes());
        json.put("parameters", layer.parameters());
        json.put("view_of", layer.viewOf());
        json.put("own_memory_in_training", layer.viewOf() == null || layer.ownMemoryInTraining());
        json.put("steps_assumed", layer.stepsAssumed());
        json.put("inference_working_bytes", layer.inferenceWorkingBytes());
        json.put("training_working_bytes", layer.trainingWorkingBytes());
        json.put("working_memory", layer.workingMemoryContents());
        return json;
    }

    private static Map<String, Object> inference(MemoryPlan.Inference inference) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("peak_activation_bytes", inference.peak().activationBytes());
        json.put("peak_at", inference.peak().atLayer());
        json.put("alive_at_peak", inference.peak().alive());
        json.put("parameter_bytes", inference.parameterBytes());
        json.put("working_bytes", inference.workingBytes());
        json.put("working_layer", inference.workingLayer());
        return json;
    }

    private static Map<String, Object> training(MemoryPlan.Training training) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("activation_bytes", training.activationBytes());
        json.put("activation_gradient_bytes", training.activationGradientBytes());
        json.put("parameter_bytes", training.parameterBytes());
        json.put("parameter_gradient_bytes", training.parameterGradientBytes());
        json.put("optimizer_state_bytes", training.optimizerStateBytes());
        json.put("working_bytes", training.workingBytes());
        json.put("working_layer", training.workingLayer());
        return json;
    }

    private static Map<String, Object> dl4j(Dl4jMemoryEstimate dl4j) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("available", dl4j.available());
        if (!dl4j.available()) {
            json.put("reason", CommandLineTerms.of(dl4j.unavailableReason()));
            return json;
        }
        json.put("vertices_without_report", dl4j.verticesWithoutReport());
        json.put("inference_bytes", dl4j.inferenceBytes());
        json.put("training_bytes", dl4j.trainingBytes());
        json.put("parameter_bytes", dl4j.parameterBytes());
        json.put("activation_bytes", dl4j.activationBytes());
        json.put("activation_gradient_bytes", dl4j.activationGradientBytes());
        json.put("parameter_gradient_bytes", dl4j.parameterGradientBytes());
        json.put("updater_state_bytes", dl4j.updaterStateBytes());
        json.put("inference_working_bytes", dl4j.inferenceWorkingBytes());
        json.put("training_working_bytes", dl4j.trainingWorkingBytes());
        json.put("differences", Dl4jMemoryEstimate.DIFFERENCES);
        return json;
    }
}
