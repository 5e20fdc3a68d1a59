package org.kinspect.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.kinspect.inspect.ActivationProbe;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * After every forward pass each activation has the shape model's shape (batch and open sizes
 * filled in); an import whose layer computes another shape is stopped with an internal error
 * naming the layer, its class, its shape and Keras's, and nothing is handed out reshaped.
 */
class ShapeInvariantTest {

    @Test
    void aLayerOfAnotherShapeThanKerassIsAnInternalErrorNamingIt() {
        InspectedModel model = InspectedModel.open(KerasReferenceCheck.resource("/shapes/conv1d_global_pooling_dense.keras"));
        KerasReference reference = KerasReference.read(
                KerasReferenceCheck.resource("/shapes/conv1d_global_pooling_dense_io.h5"));
        // The graph computes Dense(4); a description saying Dense(7) stands for an import gone wrong.
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            Map<String, Object> config = new LinkedHashMap<>(layer.config());
            if (layer.name().equals("dense")) config.put("units", 7);
            layers.add(new LayerSpec(layer.name(), layer.className(), config, layer.inboundTensors()));
        }
        ModelSpec described = new ModelSpec(ModelInternals.spec(model).modelName(), ModelInternals.spec(model).originalClassName(),
                ModelInternals.spec(model).kerasMajorVersion(), ModelInternals.spec(model).backend(), layers, ModelInternals.spec(model).inputNames(),
                ModelInternals.spec(model).outputNames(), ModelInternals.spec(model).functionalConfig());
        ImportedGraph imported = ModelInternals.imported(model);
        ActivationProbe probe = new ActivationProbe(new ImportedGraph(imported.graph(), described,
                imported.outputTypes(), imported.hasWeights(), imported.provenance()));
        Map<String, INDArray> inputs = Map.of("signal", reference.inputs().get("signal"));

        KinspectException error = assertThrows(KinspectException.class, () -> probe.activations(inputs));
        assertEquals(KinspectException.Problem.INTERNAL, error.problem());
        assertEquals("layer 'dense' (Dense) computed an output of shape (2, 4) where Keras gives (2, 7);"
                + " kinspect's import of it is wrong", error.getMessage());
    }

    @Test
    void openSizesAreFilledFromTheRunsInputs() {
        InspectedModel model = InspectedModel.open(KerasReferenceCheck.resource("/shapes/open_image_size.keras"));
        ActivationProbe probe = new ActivationProbe(ModelInternals.imported(model));
        assertEquals(KerasShape.of(null, null, null, 4L), probe.shapes().shape("conv_1").orElseThrow());
        INDArray image = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 9, 7, 3);
        Map<String, INDArray> outputs = probe.activations(Map.of("image", image));
        // 3x3 valid: 7x5; max pooling 2: 3x2; 3x3 same: 3x2.
        assertEquals(KerasShape.of(3L, 7L, 5L, 4L), KerasShape.ofOpen(outputs.get("conv_1").shape()));
        assertEquals(KerasShape.of(3L, 3L, 2L, 6L), KerasShape.ofOpen(outputs.get("norm").shape()));
        assertEquals(KerasShape.of(3L, 2L), KerasShape.ofOpen(outputs.get("classes").shape()));
    }
}
