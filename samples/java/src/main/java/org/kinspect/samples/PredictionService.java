package org.kinspect.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.serve.Predictor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A prediction service on the JDK's own HTTP server: it opens a model converted by
 * {@code kinspect convert} (no Keras file needed) and answers {@code POST /predict} with the model's
 * outputs, JSON in and out, from a pool of threads sharing one {@link Predictor}.
 *
 * <pre>{@code
 * $ kinspect convert samples/models/sine_lstm.keras -o sine_lstm.zip
 * $ java ... org.kinspect.samples.PredictionService sine_lstm.zip 8080
 * $ curl -s localhost:8080/predict -d '{"inputs": {"signal": [[[0.0, 0.1], [0.1, 0.1], ...]]}}'
 * {"outputs":{"classes":{"shape":[1,3],"values":[[p_sine, p_square, p_sawtooth]]}}}
 * }</pre>
 *
 * <p>Request: {@code {"inputs": {NAME: nested lists, batch first}}} (a single-input model may name
 * its input or not: {@code {"input": [...]}}). Answer: {@code {"outputs": {NAME: {"shape": [...],
 * "values": nested lists}}}} in Keras's layout; a bad request gets {@code 400} and
 * {@code {"error": "one line"}}. {@code GET /model} says the inputs and outputs.
 */
public final class PredictionService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Predictor predictor;
    private final HttpServer server;
    private final ExecutorService threads;

    /**
     * Starts the service.
     *
     * @param convertedModel a model converted by kinspect ({@code kinspect convert}), or any model
     *     {@code InspectedModel.open} reads
     * @param port the port, 0 for any free one
     * @param threads how many requests are served at once (and graphs in the predictor's pool)
     * @throws IOException when the port cannot be bound
     */
    public PredictionService(Path convertedModel, int port, int threads) throws IOException {
        this.predictor = new Predictor(InspectedModel.open(convertedModel), threads);
        this.threads = Executors.newFixedThreadPool(threads);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/predict", this::predict);
        server.createContext("/model", this::describe);
        server.setExecutor(this.threads);
        server.start();
    }

    /** @return the port the service listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void predict(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, Map.of("error", "POST a JSON object {\"inputs\": {NAME: [...]}} to /predict"));
                return;
            }
            Map<String, INDArray> inputs;
            try {
                inputs = inputs(JSON.readTree(exchange.getRequestBody()));
            } catch (IOException | IllegalArgumentException e) {
                answer(exchange, 400, Map.of("error", "not a prediction request: " + firstLine(e)));
                return;
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            try {
                predictor.predict(inputs).forEach((name, values) -> outputs.put(name, Map.of(
                        "shape", values.shape(), "values", nested(values))));
            } catch (KinspectException e) {
                answer(exchange, 400, Map.of("error", e.getMessage()));
                return;
            }
            answer(exchange, 200, Map.of("outputs", outputs));
        }
    }

    private void describe(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange, 200, Map.of("inputs", predictor.inputNames(), "outputs", predictor.outputNames()));
        }
    }

    private Map<String, INDArray> inputs(JsonNode request) {
        if (request.has("input") && predictor.inputNames().size() == 1) {
            return Map.of(predictor.inputNames().get(0), array(request.get("input")));
        }
        JsonNode given = request.get("inputs");
        if (given == null || !given.isObject()) {
            throw new IllegalArgumentException("no \"inputs\" object; the model's inputs are "
                    + String.join(", ", predictor.inputNames()));
        }
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        given.fields().forEachRemaining(input -> inputs.put(input.getKey(), array(input.getValue())));
        return inputs;
    }

    /** A nested JSON list of numbers (rectangular) as a float32 array of its shape. */
    static INDArray array(JsonNode nested) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode level = nested; level.isArray(); level = level.get(0)) {
            if (level.size() == 0) {
                throw new IllegalArgumentException("an empty list");
            }
            shape.add((long) level.size());
        }
        List<Float> values = new ArrayList<>();
        flatten(nested, 0, shape, values);
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        return Nd4j.create(flat, shape.stream().mapToLong(Long::longValue).toArray(), 'c');
    }

    private static void flatten(JsonNode node, int depth, List<Long> shape, List<Float> values) {
        if (depth == shape.size()) {
            if (!node.isNumber()) {
                throw new IllegalArgumentException("a value that is not a number: " + node);
            }
            values.add(node.floatValue());
            return;
        }
        if (!node.isArray() || node.size() != shape.get(depth)) {
            throw new IllegalArgumentException("lists of different lengths (not a rectangular array)");
        }
        for (JsonNode child : node) {
            flatten(child, depth + 1, shape, values);
        }
    }

    /** An array as nested lists of its values, float32 as JSON numbers. */
    static Object nested(INDArray array) {
        if (array.rank() == 0) {
            return array.getFloat(0);
        }
        INDArray values = array.castTo(DataType.FLOAT).dup('c');
        List<Object> rows = new ArrayList<>();
        for (long i = 0; i < values.size(0); i++) {
            rows.add(values.rank() == 1 ? (Object) values.getFloat(i) : nested(values.slice(i)));
        }
        return rows;
    }

    private static void answer(HttpExchange exchange, int status, Object document) throws IOException {
        byte[] body = JSON.writeValueAsBytes(document);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /**
     * @param args the converted model, the port (default 8080), the threads (default: processors)
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args.length > 0 ? args[0] : "sine_lstm.zip");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        PredictionService service = new PredictionService(model, port, threads);
        System.out.println("serving " + model + " on http://127.0.0.1:" + service.port() + "/predict");
    }
}
