package org.kinspect.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The sample service over HTTP: the sine LSTM converted, served, asked for Keras's reference batch
 * (the answer is Keras's own outputs), then by 8 client threads at once with batches of 1 to 4
 * examples (every answer the same as the single-threaded one), and a bad request answered in one line.
 */
class PredictionServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path folder;

    @Test
    void answersKerasOutputsUnderConcurrentRequests() throws Exception {
        Path converted = folder.resolve("sine_lstm.zip");
        InspectedModel.open(SamplesTest.MODELS.resolve("sine_lstm.keras")).save(converted);
        KerasReference keras = KerasReference.read(SamplesTest.MODELS.resolve("sine_lstm_io.h5"));
        INDArray signal = keras.inputs().get("signal"); // (4, 20, 2)
        HttpClient client = HttpClient.newHttpClient();
        try (PredictionService service = new PredictionService(converted, 0, 4)) {
            URI predict = URI.create("http://127.0.0.1:" + service.port() + "/predict");

            JsonNode whole = post(client, predict, "{\"inputs\": {\"signal\": " + JSON.writeValueAsString(
                    PredictionService.nested(signal)) + "}}", 200);
            INDArray classes = PredictionService.array(whole.get("outputs").get("classes").get("values"));
            LayerComparison comparison = LayerComparison.compare("classes", classes, keras.activations().get("classes"), 1e-5);
            assertTrue(comparison.matches(), "max error " + comparison.maxAbsoluteError());
            assertEquals("[4,3]", whole.get("outputs").get("classes").get("shape").toString());

            List<String> requests = new ArrayList<>();
            List<JsonNode> expected = new ArrayList<>();
            for (int size = 1; size <= 4; size++) {
                String body = "{\"input\": " + JSON.writeValueAsString(PredictionService.nested(
                        signal.get(NDArrayIndex.interval(4 - size, 4), NDArrayIndex.all(), NDArrayIndex.all()).dup())) + "}";
                requests.add(body);
                expected.add(post(client, predict, body, 200));
            }
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int thread = 0; thread < 8; thread++) {
                    int first = thread;
                    answers.add(clients.submit(() -> {
                        int differing = 0;
                        for (int call = first; call < 200; call += 8) {
                            int which = call % requests.size();
                            differing += post(client, predict, requests.get(which), 200).equals(expected.get(which)) ? 0 : 1;
                        }
                        return differing;
                    }));
                }
                for (Future<Integer> answer : answers) {
                    assertEquals(0, answer.get(), "answers that differ from the single-threaded one");
                }
            } finally {
                clients.shutdownNow();
            }

            JsonNode refused = post(client, predict, "{\"inputs\": {\"signal\": [[[1, 2, 3]]]}}", 400);
            assertTrue(refused.get("error").asText().contains("has shape [1, 1, 3]"), refused.toString());
            JsonNode notJson = post(client, predict, "not json", 400);
            assertTrue(notJson.get("error").asText().startsWith("not a prediction request"), notJson.toString());
        }
    }

    private static JsonNode post(HttpClient client, URI uri, String body, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
