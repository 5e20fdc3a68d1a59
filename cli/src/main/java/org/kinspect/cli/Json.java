package org.kinspect.cli;

import java.io.PrintWriter;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Prints {@code --json} documents with the Jackson that ND4J ships shaded (the library uses the
 * same one), so escaping is Jackson's and the cli adds no dependency. Documents are built from
 * {@code LinkedHashMap}s and lists, so keys come out in the order they were put.
 *
 * <pre>{@code
 * Map<String, Object> document = new LinkedHashMap<>();
 * document.put("model", "model.h5");
 * Json.print(out, document);
 * }</pre>
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /**
     * @param out where to print
     * @param document maps, lists, strings, numbers, booleans and nulls; no NaN or infinity, which
     *     JSON cannot hold (see {@link Formats#finiteOrNull})
     */
    static void print(PrintWriter out, Object document) {
        out.println(toText(document));
    }

    /**
     * @param document as for {@link #print}
     * @return the document as pretty-printed JSON text, for a file
     */
    static String toText(Object document) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON output: " + e.getOriginalMessage(), e);
        }
    }
}
