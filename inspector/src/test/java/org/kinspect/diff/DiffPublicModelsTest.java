package org.kinspect.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.batch.InputBatches;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Both modes on the public models of the shared corpus (seq2seq with states, CuDNNLSTM, a
 * bidirectional GRU), on Keras's reference inputs, every number checked against a direct
 * computation on the whole arrays: the model against a copy with its weights drawn again (the
 * first layer with weights must be the first to diverge), and the inputs against themselves
 * scaled by 1.5. Each on the models it takes seconds for (drawing the weights of the large
 * recurrent layers again takes a minute); {@code scripts/diff_public_models.sh} runs both modes on
 * every public model.
 */
class DiffPublicModelsTest {

    static List<Path> quickToReinitialise() {
        return models("bigru_model", "model_cool");
    }

    static List<Path> quickToRun() {
        return models("decoder_model", "s2s", "model_cool");
    }

    private static List<Path> models(String... endings) {
        List<Path> models = new ArrayList<>();
        for (String ending : endings) {
            Corpus.files("public-models", ending + ".h5").forEach(models::add);
        }
        return models;
    }

    @ParameterizedTest
    @MethodSource("quickToReinitialise")
    void modelAgainstItsReinitialisedCopy(Path file) {
        InspectedModel model = InspectedModel.open(file);
        InspectedModel other = model.reinitialized(7);
        Map<String, INDArray> inputs = reference(file).inputs();
        ModelDifference difference = ModelDiffer.of(model, other).compare(InputBatches.slices(inputs, 2));
        assertTrue(difference.unmatched().isEmpty(), difference.unmatched().toString());
        List<String> layers = difference.layers().stream().map(LayerDifference::name).toList();
        Map<String, INDArray> outputsA = model.activations(inputs, layers);
        Map<String, INDArray> outputsB = other.activations(inputs, layers);
        String firstWithWeights = null;
        for (LayerDifference layer : difference.layers()) {
            float[] a = outputsA.get(layer.name()).castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] b = outputsB.get(layer.name()).castTo(DataType.FLOAT).dup('c').data().asFloat();
            double maxAbs = 0, maxRel = 0, ab = 0, aa = 0, bb = 0;
            for (int index = 0; index < a.length; index++) {
                double d = Math.abs((double) b[index] - a[index]);
                maxAbs = Math.max(maxAbs, d);
                maxRel = Math.max(maxRel, d / Math.max(1, Math.abs(a[index])));
                ab += (double) a[index] * b[index];
                aa += (double) a[index] * a[index];
                bb += (double) b[index] * b[index];
            }
            assertEquals(maxAbs, layer.maxAbsoluteDifference(), 0, layer.name());
            assertEquals(maxRel, layer.maxRelativeDifference(), 0, layer.name());
            assertEquals(ab / Math.sqrt(aa * bb), layer.cosine(), 1e-9, layer.name());
            double change = 0, norm = 0;
            Map<String, INDArray> weightsA = model.weights(layer.name());
            for (Map.Entry<String, INDArray> weight : weightsA.entrySet()) {
                INDArray wa = weight.getValue().castTo(DataType.DOUBLE);
                INDArray wb = other.weights(layer.name()).get(weight.getKey()).castTo(DataType.DOUBLE);
                change += wb.sub(wa).norm2Number().doubleValue() * wb.sub(wa).norm2Number().doubleValue();
                norm += wa.norm2Number().doubleValue() * wa.norm2Number().doubleValue();
            }
            if (weightsA.isEmpty()) {
                assertTrue(!layer.hasWeightChange(), layer.name());
            } else {
                assertEquals(Math.sqrt(change / norm), layer.weightRelativeChange(), 1e-9, layer.name());
                if (firstWithWeights == null) {
                    firstWithWeights = layer.name();
                }
            }
        }
        assertEquals(firstWithWeights, difference.firstDivergentLayer().orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("quickToRun")
    void inputsAgainstThemselvesScaled(Path file) {
        InspectedModel model = InspectedModel.open(file);
        Map<String, INDArray> first = reference(file).inputs();
        Map<String, INDArray> second = new LinkedHashMap<>();
        first.forEach((name, values) -> second.put(name, values.mul(1.5)));
        int bins = 8;
        ShiftSurveyor surveyor = ShiftSurveyor.of(model).bins(bins);
        DataSetShift shift = surveyor.survey(InputBatches.slices(first, 2), InputBatches.slices(second, 2));
        assertEquals(surveyor.layers(), shift.layers().stream().map(LayerShift::name).toList());
        Map<String, INDArray> outputsA = model.activations(first, surveyor.layers());
        Map<String, INDArray> outputsB = model.activations(second, surveyor.layers());
        for (LayerShift layer : shift.layers()) {
            INDArray a = outputsA.get(layer.name());
            INDArray b = outputsB.get(layer.name());
            int units = (int) a.size(a.rank() - 1);   // these models are all channels last
            float[] valuesA = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] valuesB = b.castTo(DataType.FLOAT).dup('c').data().asFloat();
            List<Double> kls = new ArrayList<>();
            for (int unit = 0; unit < units; unit++) {
                double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
                for (int index = unit; index < valuesA.length; index += units) {
                    low = Math.min(low, valuesA[index]);
                    high = Math.max(high, valuesA[index]);
                }
                double[] p = proportions(valuesA, unit, units, low, high, bins);
                double[] q = proportions(valuesB, unit, units, low, high, bins);
                double kl = 0, psi = 0;
                for (int bin = 0; bin < p.length; bin++) {
                    kl += p[bin] * Math.log(p[bin] / q[bin]);
                    psi += (q[bin] - p[bin]) * Math.log(q[bin] / p[bin]);
                }
                UnitShift ours = layer.units().get(unit);
                assertEquals(kl, ours.kl(), 1e-12, layer.name() + " unit " + unit);
                assertEquals(psi, ours.psi(), 1e-12, layer.name() + " unit " + unit);
                kls.add(kl);
            }
            assertEquals(kls.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), layer.meanKl(), 1e-12);
        }
    }

    private static double[] proportions(float[] values, int unit, int units, double low, double high, int bins) {
        double[] counts = new double[bins + 2];
        int total = 0;
        for (int index = unit; index < values.length; index += units) {
            double value = values[index];
            int bin = value < low ? 0 : value > high ? bins + 1 : high == low ? 1
                    : 1 + Math.min((int) Math.floor((value - low) / (high - low) * bins), bins - 1);
            counts[bin]++;
            total++;
        }
        for (int bin = 0; bin < counts.length; bin++) {
            counts[bin] = Math.max(counts[bin] / total, ActivationShift.EPSILON);
        }
        return counts;
    }

    private static KerasReference reference(Path model) {
        String name = model.getFileName().toString();
        return KerasReference.read(model.resolveSibling(name.substring(0, name.length() - 3) + "_io.h5"));
    }
}
