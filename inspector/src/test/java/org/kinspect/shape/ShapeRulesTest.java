package org.kinspect.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.config.LayerSpec;

/**
 * Shape rules for the Keras 1 and 2 field names and class aliases no fixture file holds, each
 * worked out by hand from Keras's arithmetic ({@code keras/src/ops/operation_utils.py}).
 */
class ShapeRulesTest {

    private static List<KerasShape> outputs(String className, Map<String, Object> config, KerasShape... inputs) {
        LayerSpec layer = new LayerSpec("layer", className, config, List.of());
        return ShapeRules.forLayer(layer).orElseThrow().outputs(layer, List.of(inputs));
    }

    @Test
    void keras1ConvolutionsReadTheirOwnFieldNames() {
        // Theano ordering (channels first): 5x3 kernel, stride 2, valid on 20x11 -> (20-5)/2+1 = 8, (11-3)/2+1 = 5.
        assertEquals(List.of(KerasShape.of(null, 7L, 8L, 5L)), outputs("Convolution2D", Map.of("nb_filter", 7,
                "nb_row", 5, "nb_col", 3, "subsample", List.of(2, 2), "border_mode", "valid", "dim_ordering", "th"),
                KerasShape.of(null, 3L, 20L, 11L)));
        // filter_length 4, same padding, stride 3 on 10 steps -> ceil(10/3) = 4.
        assertEquals(List.of(KerasShape.of(null, 4L, 6L)), outputs("Convolution1D", Map.of("nb_filter", 6,
                "filter_length", 4, "subsample_length", 3, "border_mode", "same"), KerasShape.of(null, 10L, 2L)));
        // atrous_rate 2 widens a 3-kernel to 5: 9 - 5 + 1 = 5.
        assertEquals(List.of(KerasShape.of(null, 5L, 5L, 4L)), outputs("AtrousConvolution2D", Map.of("nb_filter", 4,
                "nb_row", 3, "nb_col", 3, "atrous_rate", List.of(2, 2), "dim_ordering", "tf"),
                KerasShape.of(null, 9L, 9L, 1L)));
    }

    @Test
    void transposedConvolutionsUnderEveryName() {
        // valid: 4*2 + max(3-2, 0) = 9; same: 4*2 = 8.
        Map<String, Object> valid = Map.of("filters", 3, "kernel_size", List.of(3, 3), "strides", List.of(2, 2),
                "padding", "valid");
        assertEquals(List.of(KerasShape.of(null, 9L, 9L, 3L)), outputs("Deconvolution2D", valid,
                KerasShape.of(null, 4L, 4L, 5L)));
        assertEquals(List.of(KerasShape.of(null, 9L, 9L, 3L)), outputs("Convolution2DTranspose", valid,
                KerasShape.of(null, 4L, 4L, 5L)));
        // output_padding 1, same: (4-1)*2 + 3 - 2*1 + 1 = 8.
        assertEquals(List.of(KerasShape.of(null, 8L, 3L)), outputs("Conv1DTranspose", Map.of("filters", 3,
                "kernel_size", List.of(3), "strides", List.of(2), "padding", "same", "output_padding", List.of(1)),
                KerasShape.of(null, 4L, 5L)));
    }

    @Test
    void poolingAliasesAndKeras1Fields() {
        // pool_length 3, stride default = pool: (10-3)/3+1 = 3.
        assertEquals(List.of(KerasShape.of(null, 3L, 2L)), outputs("MaxPool1D", Map.of("pool_length", 3),
                KerasShape.of(null, 10L, 2L)));
        // same: ceil(7/2) = 4, an open size stays open.
        assertEquals(List.of(KerasShape.of(null, 4L, null, 5L)), outputs("AvgPool2D", Map.of("pool_size", List.of(2, 2),
                "padding", "same"), KerasShape.of(null, 7L, null, 5L)));
        assertEquals(List.of(KerasShape.of(null, 5L)), outputs("GlobalMaxPool3D", Map.of(),
                KerasShape.of(null, 2L, 3L, 4L, 5L)));
        assertEquals(List.of(KerasShape.of(null, 5L, 1L)), outputs("GlobalAvgPool1D",
                Map.of("keepdims", true, "data_format", "channels_first"), KerasShape.of(null, 5L, 9L)));
    }

    @Test
    void keras1MergeAndCudnnLayers() {
        assertEquals(List.of(KerasShape.of(null, 5L, 7L)), outputs("Merge", Map.of("mode", "concat", "concat_axis", -1),
                KerasShape.of(null, 5L, 3L), KerasShape.of(null, 5L, 4L)));
        assertEquals(List.of(KerasShape.of(null, 5L, 3L)), outputs("Merge", Map.of("mode", "sum"),
                KerasShape.of(null, 5L, 3L), KerasShape.of(null, 5L, 3L)));
        assertEquals(List.of(KerasShape.of(null, 6L, 8L)), outputs("CuDNNGRU", Map.of("units", 8,
                "return_sequences", true), KerasShape.of(null, 6L, 3L)));
        assertEquals(List.of(KerasShape.of(null, 8L), KerasShape.of(null, 8L), KerasShape.of(null, 8L)),
                outputs("LSTM", Map.of("output_dim", 8, "return_state", true), KerasShape.of(null, null, 3L)));
    }

    @Test
    void aWindowLargerThanItsAxisIsRefusedNeverGivesZero() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> outputs("Conv2D",
                Map.of("filters", 2, "kernel_size", List.of(3, 3)), KerasShape.of(null, 2L, 8L, 1L)));
        assertEquals("on an axis of size 2 shorter than its window of 3", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KerasShape.of(null, 0L));
    }
}
