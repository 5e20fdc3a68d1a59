package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code kinspect eval} on three models made with the real Keras 3 (samples/models/make_eval_samples.py).
 * Every score is recomputed here from Keras's own predictions ({@code *_keras_pred.npy}) and the labels,
 * straight from the definitions; kinspect's predictions come from the imported model.
 */
class EvalCommandTest {
    @TempDir
    Path temp;

    @Test
    void multiClassJsonMatchesTheScoresOfKerasPredictions() throws IOException {
        JsonNode json = evalJson("sine_lstm", "--reference", sample("sine_lstm_eval_keras_pred.npy").toString(),
                "--batch", "64");
        double[][] keras = rows("sine_lstm_eval_keras_pred.npy");
        int[] truth = classes("sine_lstm_eval_y.npy");
        long[][] confusion = new long[3][3];
        for (int i = 0; i < truth.length; i++) {
            int predicted = argmax(keras[i]);
            confusion[truth[i]][predicted]++;
        }
        assertEquals("multi-class", json.get("kind").asText());
        assertEquals(3, json.get("classes").asInt());
        assertConfusionAndScores(confusion, json);
        JsonNode normalised = json.get("confusion_normalized");
        for (JsonNode row : normalised) {
            double sum = 0;
            for (JsonNode cell : row) sum += cell.asDouble();
            assertEquals(1.0, sum, 1e-12, "each row sums to 1");
        }
        assertEquals(1.0, json.get("reference").get("agreement").asDouble());
        assertTrue(json.get("reference").get("max_abs_difference").asDouble() < 1e-5);
        assertTrue(json.get("threshold").isNull(), "no threshold for a softmax");
    }

    @Test
    void binaryAtAThresholdOfOurs() throws IOException {
        JsonNode json = evalJson("binary_imbalanced", "--threshold", "0.3");
        double[][] keras = rows("binary_imbalanced_keras_pred.npy");
        int[] truth = classes("binary_imbalanced_y.npy");
        long[][] confusion = new long[2][2];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][keras[i][0] >= 0.3 ? 1 : 0]++;
        }
        assertEquals("binary", json.get("kind").asText());
        assertEquals(0.3, json.get("threshold").asDouble());
        assertConfusionAndScores(confusion, json);
    }

    @Test
    void multiLabelScoresEachLabel() throws IOException {
        JsonNode json = evalJson("multilabel");
        double[][] keras = rows("multilabel_keras_pred.npy");
        double[][] truth = rows("multilabel_y.npy");
        long allRight = 0;
        for (int label = 0; label < 3; label++) {
            long[][] confusion = new long[2][2];
            for (int i = 0; i < truth.length; i++) {
                confusion[(int) truth[i][label]][keras[i][label] >= 0.5 ? 1 : 0]++;
            }
            JsonNode matrix = json.get("confusion").get(label);
            for (int row = 0; row < 2; row++) {
                for (int column = 0; column < 2; column++) {
                    assertEquals(confusion[row][column], matrix.get(row).get(column).asLong(), "label " + label);
                }
            }
            long tp = confusion[1][1];
            JsonNode scores = json.get("per_class").get(label);
            assertEquals(tp / (double) (tp + confusion[0][1]), scores.get("precision").asDouble(), 1e-12);
            assertEquals(tp / (double) (tp + confusion[1][0]), scores.get("recall").asDouble(), 1e-12);
            assertEquals(confusion[1][0] + tp, scores.get("support").asLong());
        }
        for (int i = 0; i < truth.length; i++) {
            boolean right = true;
            for (int label = 0; label < 3; label++) {
                right &= (keras[i][label] >= 0.5) == (truth[i][label] == 1);
            }
            if (right) allRight++;
        }
        assertEquals(allRight / (double) truth.length, json.get("accuracy").asDouble(), 1e-12, "subset accuracy");
    }

    @Test
    void tablesAndFilesWithClassNames() throws IOException {
        Path out = temp.resolve("eval");
        Kinspect.Result result = Kinspect.run("eval", sample("sine_lstm.keras").toString(), "--input",
                sample("sine_lstm_eval_x.npy").toString(), "--labels", sample("sine_lstm_eval_y.npy").toString(),
                "--class-names", "sine,square,sawtooth", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("evaluating classes ... done in "), result.err());
        assertTrue(result.out().startsWith("classes over 300 examples: multi-class"), result.out());
        assertTrue(result.out().contains("true \\ predicted  sine  square  sawtooth  support  error rate"), result.out());
        for (String file : List.of("eval.json", "per_class.csv", "confusion.csv", "confusion.png", "calibration.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        for (String png : List.of("confusion.png", "calibration.png")) {
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                    Arrays.copyOf(Files.readAllBytes(out.resolve(png)), 4), png);
        }
        List<String> perClass = Files.readAllLines(out.resolve("per_class.csv"));
        assertEquals("class,name,precision,recall,f1,support,predicted,error_rate", perClass.get(0));
        assertTrue(perClass.get(3).startsWith("2,sawtooth,"), perClass.get(3));
        assertEquals("true,predicted sine,predicted square,predicted sawtooth",
                Files.readAllLines(out.resolve("confusion.csv")).get(0));
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("<h1>evaluation of classes in sine_lstm.keras</h1>"), index);
        assertTrue(index.contains("<img src=\"confusion.png\"") && index.contains("<img src=\"calibration.png\""), index);
        assertTrue(index.contains("<a href=\"per_class.csv\">") && index.contains("<a href=\"eval.json\">"), index);
        assertTrue(index.contains("accuracy "), "the table is on the page");
    }

    @Test
    void userErrorsAreOneLine() throws IOException {
        String model = sample("sine_lstm.keras").toString();
        String x = sample("sine_lstm_eval_x.npy").toString();

        Path fewer = temp.resolve("fewer.npy");
        NpyFile.write(fewer, Nd4j.zeros(DataType.FLOAT, 299));
        Kinspect.Result count = Kinspect.run("eval", model, "--input", x, "--labels", fewer.toString(), "-q");
        assertTrue(count.singleErrorLine().contains("holds 299 labels but the inputs hold 300 examples"), count.err());

        Path four = temp.resolve("four.npy");
        NpyFile.write(four, Nd4j.zeros(DataType.FLOAT, 300, 4));
        Kinspect.Result shape = Kinspect.run("eval", model, "--input", x, "--labels", four.toString(), "-q");
        assertTrue(shape.singleErrorLine().contains("one-hot rows (N, 3)"), shape.err());

        Kinspect.Result names = Kinspect.run("eval", model, "--input", x, "--labels",
                sample("sine_lstm_eval_y.npy").toString(), "--class-names", "a,b", "-q");
        assertTrue(names.singleErrorLine().contains("--class-names gives 2 names but the model has 3 classes"),
                names.err());

        Kinspect.Result missing = Kinspect.run("eval", model, "--input", x, "--labels", temp.resolve("no.npy").toString());
        assertTrue(missing.singleErrorLine().contains("no such file"), missing.err());
        assertFalse(missing.err().contains("importing"), "refused before the import");

        Kinspect.Result threshold = Kinspect.run("eval", model, "--input", x, "--labels", fewer.toString(),
                "--threshold", "1.5");
        assertEquals(ErrorReporter.USAGE_ERROR, threshold.exitCode());
        assertTrue(threshold.err().contains("--threshold must be strictly between 0 and 1"), threshold.err());
    }

    /** Checks the confusion matrix and every score in the JSON against ones computed from {@code confusion}. */
    private static void assertConfusionAndScores(long[][] confusion, JsonNode json) {
        int classes = confusion.length;
        long total = 0;
        long right = 0;
        double f1Sum = 0;
        double weighted = 0;
        for (int k = 0; k < classes; k++) {
            long tp = confusion[k][k];
            long support = 0;
            long predicted = 0;
            for (int j = 0; j < classes; j++) {
                support += confusion[k][j];
                predicted += confusion[j][k];
                assertEquals(confusion[k][j], json.get("confusion").get(k).get(j).asLong(), "confusion " + k + "," + j);
            }
            double precision = predicted == 0 ? 0 : tp / (double) predicted;
            double recall = support == 0 ? 0 : tp / (double) support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            JsonNode scores = json.get("per_class").get(k);
            assertEquals(k, scores.get("class").asInt());
            assertEquals(precision, scores.get("precision").asDouble(), 1e-12, "precision " + k);
            assertEquals(recall, scores.get("recall").asDouble(), 1e-12, "recall " + k);
            assertEquals(f1, scores.get("f1").asDouble(), 1e-12, "f1 " + k);
            assertEquals(support, scores.get("support").asLong(), "support " + k);
            total += support;
            right += tp;
            f1Sum += f1;
            weighted += f1 * support;
        }
        assertEquals(right / (double) total, json.get("accuracy").asDouble(), 1e-12);
        assertEquals(f1Sum / classes, json.get("macro_f1").asDouble(), 1e-12);
        assertEquals(weighted / total, json.get("weighted_f1").asDouble(), 1e-12);
    }

    private JsonNode evalJson(String data, String... more) throws IOException {
        List<String> arguments = new java.util.ArrayList<>(List.of("eval", sample(data.equals("sine_lstm")
                ? "sine_lstm.keras" : data + ".keras").toString(), "--input", sample(prefix(data) + "_x.npy").toString(),
                "--labels", sample(prefix(data) + "_y.npy").toString(), "--json"));
        arguments.addAll(List.of(more));
        Kinspect.Result result = Kinspect.run(arguments.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err(), "--json prints no progress");
        return new ObjectMapper().readTree(result.out());
    }

    private static String prefix(String data) {
        return data.equals("sine_lstm") ? "sine_lstm_eval" : data;
    }

    private static double[][] rows(String file) {
        var values = NpyFile.read(sample(file)).castTo(DataType.DOUBLE);
        return (values.rank() == 1 ? values.reshape(values.length(), 1) : values).toDoubleMatrix();
    }

    private static int[] classes(String file) {
        return NpyFile.read(sample(file)).castTo(DataType.INT32).toIntVector();
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) best = k;
        }
        return best;
    }

    private static Path sample(String name) {
        Path file = TestFiles.samples().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no sample " + file);
        return file;
    }
}
