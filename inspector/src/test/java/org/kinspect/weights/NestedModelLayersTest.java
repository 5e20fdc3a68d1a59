package org.kinspect.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which layer of a nested model a weight of its HDF5 group belongs to, at any depth of nesting. */
class NestedModelLayersTest {
    // outer (the file's model) holds body (Sequential), which holds base_a and base_b (Functional),
    // each with a layer 'conv'; base_a also has 'stem', body itself 'head'
    private static final String CONFIG = """
            {"class_name": "Sequential", "config": {"name": "outer", "layers": [
              {"class_name": "Sequential", "config": {"name": "body", "layers": [
                {"class_name": "Functional", "config": {"name": "base_a", "layers": [
                  {"class_name": "Conv2D", "name": "stem", "config": {"name": "stem"}},
                  {"class_name": "Conv2D", "name": "conv", "config": {"name": "conv"}}]}},
                {"class_name": "Functional", "config": {"name": "base_b", "layers": [
                  {"class_name": "Conv2D", "name": "conv", "config": {"name": "conv"}}]}},
                {"class_name": "Dense", "config": {"name": "head"}}]}}]}}
            """;

    @Test
    void aWeightNamedAfterALayerNestedDeeperIsFoundThroughTheModelsBetween() {
        NestedModelLayers layers = NestedModelLayers.of(CONFIG);
        assertArrayEquals(new String[] {"body/base_a/stem", "stem/kernel:0"}, layers.locate("body", "stem/kernel:0"));
        assertArrayEquals(new String[] {"body/head", "head/bias:0"}, layers.locate("body", "head/bias:0"));
        // named with the models in between, as older Keras 2 did
        assertArrayEquals(new String[] {"body/base_b/conv", "conv/kernel:0"},
                layers.locate("body", "body/base_b/conv/kernel:0"));
    }

    @Test
    void aNameTwoNestedModelsHaveIsNotGuessed() {
        assertNull(NestedModelLayers.of(CONFIG).locate("body", "conv/kernel:0"));
    }
}
