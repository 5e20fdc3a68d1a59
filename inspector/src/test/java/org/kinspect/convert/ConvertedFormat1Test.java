package org.kinspect.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.LayerNotes;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * Models converted by a kinspect that wrote converted format 1, whose description kept kinspect's
 * notes on a layer (a later call of a shared layer, a nested model, an operation, an attention call,
 * a stacked cell) inside the layer's configuration, under {@code kinspect_*} keys
 * ({@code converted_format1/make_format1_files.sh} made them from the fixtures named). Today's
 * kinspect reads them: every layer matches Keras's own numbers, and the description is the one a
 * fresh import of the fixture gives, its notes beside the configuration, not in it.
 */
class ConvertedFormat1Test {
    /** Each file converted with format 1, the fixture it was converted from, and Keras's reference for it. */
    private static final List<String[]> CONVERTED = List.of(
            new String[] {"ops_broadcasting.zip", "ops/broadcasting.keras", "ops/broadcasting_io.h5"},
            new String[] {"layers_attention.zip", "layers/attention.keras", "layers/attention_io.h5"},
            new String[] {"layers_attention_scores.zip", "layers/attention_scores.keras", "layers/attention_scores_io.h5"},
            new String[] {"cells_stacked_cells_masked.zip", "cells/stacked_cells_masked.keras",
                "cells/stacked_cells_masked_io.h5"},
            new String[] {"layers_shared_layers.zip", "layers/shared_layers.keras", "layers/shared_layers_io.h5"},
            new String[] {"layers_shared_nested_model.zip", "layers/shared_nested_model.keras",
                "layers/shared_nested_model_io.h5"},
            new String[] {"keras3_nested_sequential.zip", "keras3/nested_sequential.keras", "keras3/nested_sequential_io.h5"},
            new String[] {"tfkeras_layers_attention_calls_tfkeras.zip", "tfkeras_layers/attention_calls_tfkeras.h5",
                "tfkeras_layers/attention_calls_io.h5"});

    @TestFactory
    Stream<DynamicTest> filesOfFormat1OpenAsTheirFixturesDo() {
        return CONVERTED.stream().map(each -> DynamicTest.dynamicTest(each[0], () -> {
            Path converted = KerasReferenceCheck.resource("/converted_format1/" + each[0]);
            KerasReferenceCheck.everyLayerMatches(converted, KerasReferenceCheck.resource("/" + each[2]), Map.of());

            InspectedModel reopened = InspectedModel.open(converted);
            assertEquals(1, reopened.conversion().orElseThrow().formatVersion());
            ModelSpec old = ModelInternals.spec(reopened);
            ModelSpec fresh = ModelInternals.spec(InspectedModel.open(KerasReferenceCheck.resource("/" + each[1]),
                    org.kinspect.ImportOptions.defaults().withDescribeOnly(true)));
            assertEquals(fresh.layerNames(), old.layerNames());
            for (LayerSpec layer : fresh.layers()) {
                LayerSpec read = old.layer(layer.name()).orElseThrow();
                assertEquals(layer.notes(), read.notes(), layer.name());
                assertEquals(layer.className(), read.className(), layer.name());
                assertEquals(layer.config().keySet(), read.config().keySet(), layer.name());
            }
            assertTrue(old.layers().stream().anyMatch(layer -> !layer.notes().equals(LayerNotes.NONE)),
                    "a file of notes");
            assertFalse(old.functionalConfig().toString().contains("kinspect_"), "notes left in the configuration");
        }));
    }
}
