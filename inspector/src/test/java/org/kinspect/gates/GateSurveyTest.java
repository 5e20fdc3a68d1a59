package org.kinspect.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Gate statistics over batches equal those over the whole batch at once; masked steps are left out. */
class GateSurveyTest {

    @Test
    void batchByBatchGivesWhatTheWholeBatchGives() throws URISyntaxException {
        KerasReference reference = KerasReference.read(resource("masked_lstm_io.h5"));
        InspectedModel model = InspectedModel.open(resource("masked_lstm.keras"));
        INDArray tokens = reference.inputs().get("tokens");
        GateTraces whole = model.gates(Map.of("tokens", tokens), "lstm");
        GateSurvey survey = new GateSurvey();
        for (int example = 0; example < tokens.size(0); example++) {
            INDArray one = tokens.get(NDArrayIndex.interval(example, example + 1), NDArrayIndex.all());
            survey.add(model.gates(Map.of("tokens", one), "lstm"));
        }
        assertEquals(List.of("i", "f", "o"), survey.gates());
        assertEquals(2, survey.examples());
        double[][] fractions = GateStatistics.saturationByUnit(whole.trace("f"));
        double[] data = whole.trace("f").dup('c').data().asDouble();
        for (GateSurvey.Unit unit : survey.units("f")) {
            assertEquals(7, unit.values(), "5 + 2 steps ran, the padding did not");
            assertEquals(fractions[0][unit.unit()], unit.closedFraction(), 1e-12);
            assertEquals(fractions[1][unit.unit()], unit.openFraction(), 1e-12);
            double sum = 0;
            for (int k = unit.unit(); k < data.length; k += 4) {
                sum += Double.isNaN(data[k]) ? 0 : data[k];
            }
            assertEquals(sum / 7, unit.mean(), 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> survey.units("c"));
    }

    @Test
    void statisticsLeaveMaskedStepsOut() throws URISyntaxException {
        KerasReference reference = KerasReference.read(resource("masked_lstm_io.h5"));
        GateTraces traces = InspectedModel.open(resource("masked_lstm.keras")).gates(reference.inputs(), "lstm");
        GateStatistics forget = GateStatistics.of("f", traces.trace("f"));
        assertEquals(7 * 4, forget.values());
        assertEquals(true, forget.gate());
        GateStatistics cell = GateStatistics.of("c", traces.trace("c"));
        assertEquals(2 * 7 * 4, cell.values(), "states are kept at masked steps");
        assertEquals(true, Double.isNaN(cell.openFraction()));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GateSurveyTest.class.getResource("/gates/" + name).toURI());
    }
}
