package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;

/**
 * Keras's generic recurrent wrapper around a built-in cell ({@code RNN(LSTMCell(n))},
 * {@code RNN(GRUCell(n))}, {@code RNN(SimpleRNNCell(n))}), made by the real Keras 3
 * ({@code src/test/resources/cells/make_cell_fixtures.py}, cases listed in its README), as
 * {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within 1e-5, shape
 * included, with returned states, initial states, reversing, unrolling, Bidirectional and masks;
 * also LSTM and SimpleRNN layers reading backwards, and stacks of cells (one layer per cell). Other
 * RNN layers are refused by name.
 */
class RecurrentCellCoverageTest {
    static final List<String> CASES = List.of("rnn_cells", "rnn_cell_states", "rnn_cells_bidirectional",
            "rnn_cells_masked", "backwards_and_unrolled", "backwards_masked", "stacked_cells", "stacked_cells_masked");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    /**
     * A stack of cells (StackedRNNCells, or a list of cells) returning its states or reading
     * backwards, and a custom cell: one line naming the layer.
     */
    @TestFactory
    Stream<DynamicTest> otherRnnLayersAreRefusedByName() {
        Map<String, String> refusedLayerByCase = Map.of("refused_stacked_cells", "stacked",
                "refused_cell_list", "cell_list", "refused_custom_cell", "custom");
        return refusedLayerByCase.entrySet().stream().flatMap(refused -> Stream.of(".keras", ".h5").map(extension ->
                DynamicTest.dynamicTest(refused.getKey() + extension, () -> {
                    var error = assertThrows(KinspectException.class,
                            () -> InspectedModel.open(fixture(refused.getKey() + extension)));
                    assertTrue(error.getMessage().matches("(?s)[^\\n]*layer '" + refused.getValue()
                            + "' \\(RNN\\): [^\\n]*"), error.getMessage());
                })));
    }

    /**
     * Below another cell, a relu cell may output zeros at any step; the next cell's layer still
     * masks exactly Keras's padded steps (the token ids say which) and matches Keras.
     */
    @Test
    void aMaskedStackWithAReluCellBelowMatchesKeras() {
        // The mask comes from the token ids, not from zeros a relu cell may output at any step.
        for (String extension : List.of(".keras", ".h5")) {
            KerasReferenceCheck.everyLayerMatches(fixture("refused_masked_relu_stack" + extension),
                    fixture("masked_relu_stack_io.h5"), Map.of());
        }
    }

    static Path fixture(String fileName) {
        return LayerCoverageTest.resource("/cells/" + fileName);
    }
}
