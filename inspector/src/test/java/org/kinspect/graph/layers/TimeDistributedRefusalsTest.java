package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;

/**
 * A TimeDistributed over a sequence of images or of sequences runs the wrapped layer on each step
 * ({@code LayerCoverageTest}, fixtures {@code time_distributed_*}); a wrapped layer or model it
 * does not know to work on a step is refused in one line naming the wrapper, rather than run on
 * the whole input as DL4J's importer would.
 */
class TimeDistributedRefusalsTest {

    @Test
    void aBatchNormalizationOverAnAxisOtherThanTheLastIsRefused() {
        String layer = """
                {"class_name": "TimeDistributed", "name": "td_norm", "inbound_nodes": [[["frames", 0, 0, {}]]],
                 "config": {"name": "td_norm", "trainable": true,
                  "layer": {"class_name": "BatchNormalization", "config": {"name": "norm", "axis": 1,
                   "momentum": 0.99, "epsilon": 0.001, "center": true, "scale": true}}}}""";
        assertRefused(ConfiguredModel.keras2Model("frames", "[null, 3, 6, 5, 2]", layer), "'td_norm' (TimeDistributed)",
                "BatchNormalization over axis 1");
    }

    @Test
    void aLayerNotKnownToWorkPerStepIsRefused() {
        String layer = """
                {"class_name": "TimeDistributed", "name": "td_pad", "inbound_nodes": [[["frames", 0, 0, {}]]],
                 "config": {"name": "td_pad", "trainable": true,
                  "layer": {"class_name": "ZeroPadding2D", "config": {"name": "pad", "padding": [[1, 1], [1, 1]],
                   "data_format": "channels_last"}}}}""";
        assertRefused(ConfiguredModel.keras2Model("frames", "[null, 3, 6, 5, 2]", layer), "'td_pad' (TimeDistributed)",
                "ZeroPadding2D");
    }

    @Test
    void aChannelsFirstConvolutionOnEveryImageIsRefused() {
        String layer = """
                {"class_name": "TimeDistributed", "name": "td_conv", "inbound_nodes": [[["frames", 0, 0, {}]]],
                 "config": {"name": "td_conv", "trainable": true,
                  "layer": {"class_name": "Conv2D", "config": {"name": "conv", "filters": 2, "kernel_size": [3, 3],
                   "strides": [1, 1], "padding": "valid", "data_format": "channels_first", "dilation_rate": [1, 1],
                   "activation": "linear", "use_bias": true}}}}""";
        assertRefused(ConfiguredModel.keras2Model("frames", "[null, 3, 2, 6, 5]", layer), "'td_conv' (TimeDistributed)",
                "channels_first");
    }

    @Test
    void aTimeDistributedModelOfTwoOutputsIsRefused() {
        String layer = """
                {"class_name": "TimeDistributed", "name": "td_model", "inbound_nodes": [[["frames", 0, 0, {}]]],
                 "config": {"name": "td_model", "trainable": true,
                  "layer": {"class_name": "Functional", "config": {"name": "inner", "layers": [
                    {"class_name": "InputLayer", "name": "x", "inbound_nodes": [],
                     "config": {"name": "x", "batch_input_shape": [null, 4], "dtype": "float32"}},
                    {"class_name": "Dense", "name": "d", "inbound_nodes": [[["x", 0, 0, {}]]],
                     "config": {"name": "d", "units": 2, "activation": "linear", "use_bias": true}},
                    {"class_name": "Dense", "name": "e", "inbound_nodes": [[["x", 0, 0, {}]]],
                     "config": {"name": "e", "units": 2, "activation": "linear", "use_bias": true}}],
                   "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0], ["e", 0, 0]]}}}}""";
        assertRefused(ConfiguredModel.keras2Model("frames", "[null, 3, 4]", layer), "'td_model' (TimeDistributed)",
                "2 outputs");
    }

    private static void assertRefused(String configJson, String... expected) {
        KinspectException error = assertThrows(KinspectException.class,
                () -> new ConfiguredModel(configJson, "2.4.0", Map.of()));
        String message = error.getMessage();
        assertTrue(message.lines().count() == 1, "one line: " + message);
        for (String part : expected) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
        assertTrue(error.problem() == KinspectException.Problem.UNSUPPORTED, message);
        System.out.println(message);
    }
}
