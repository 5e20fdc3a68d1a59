package org.kinspect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;

/**
 * tf.keras 2.x records an attention layer's call with the first argument as
 * {@code [layer, node, index, kwargs]} entries and every other argument in the kwargs, tensors as
 * {@code [layer, node, index]} ({@code Node.serialize}); the normalised configuration lists each
 * distinct tensor once and says which is which, as for Keras 3. Configurations written here in
 * tf.keras 2.4's form (no {@code query_shape} in MultiHeadAttention's config: the score lengths are
 * traced from the inputs).
 */
class Keras2AttentionCallsTest {
    private static final String INPUTS = input("query", "[null, 5, 4]") + ", " + input("value", "[null, 6, 4]")
            + ", " + input("key", "[null, 6, 4]") + ", " + input("mask", "[null, 5, 6]") + ", "
            + input("ids", "[null, 6]")
            + ", {\"class_name\": \"Dense\", \"name\": \"dense\", \"config\": {\"name\": \"dense\", \"units\": 4},"
            + " \"inbound_nodes\": [[[\"query\", 0, 0, {}]]]}"
            + ", {\"class_name\": \"Embedding\", \"name\": \"embed\", \"config\": {\"name\": \"embed\", \"input_dim\": 9,"
            + " \"output_dim\": 4, \"input_length\": null}, \"inbound_nodes\": [[[\"ids\", 0, 0, {}]]]}";

    @Test
    void multiHeadAttentionKwargsGetTheirRolesAndScoreLengths() {
        ModelSpec spec = spec(layer("MultiHeadAttention", "cross", "\"num_heads\": 2, \"key_dim\": 2",
                "[[[\"dense\", 0, 0, {\"value\": [\"value\", 0, 0], \"key\": [\"key\", 0, 0], \"attention_mask\":"
                        + " [\"mask\", 0, 0], \"return_attention_scores\": true, \"training\": false}]]]"));
        LayerSpec cross = spec.layer("cross").orElseThrow();
        assertEquals(List.of("dense", "value", "key", "mask"), cross.inboundLayers());
        assertEquals(new AttentionCall(0, 1, 2, 3, false, true, List.of(5, 6)),
                cross.notes().attentionCall());
        assertTrue(cross.notes().attentionCallOfTfKeras());
    }

    @Test
    void selfAttentionWrittenFlatTakesItsTensorOnce() {
        // a single tensor may be written flat: [["embed", 0, 0, {...}]] without the list around it
        ModelSpec spec = spec(layer("MultiHeadAttention", "own", "\"num_heads\": 1, \"key_dim\": 4",
                "[[\"embed\", 0, 0, {\"value\": [\"embed\", 0, 0], \"use_causal_mask\": true,"
                        + " \"return_attention_scores\": true}]]"));
        LayerSpec own = spec.layer("own").orElseThrow();
        assertEquals(List.of("embed"), own.inboundLayers());
        assertEquals(new AttentionCall(0, 0, 0, -1, true, true, List.of(6, 6)),
                own.notes().attentionCall());
    }

    @Test
    void attentionListEntriesGetTheirRoles() {
        ModelSpec spec = spec(layer("Attention", "dot", "\"use_scale\": true",
                "[[[\"dense\", 0, 0, {\"use_causal_mask\": true}], [\"value\", 0, 0, {\"use_causal_mask\": true}],"
                        + " [\"key\", 0, 0, {\"use_causal_mask\": true}]]]"));
        LayerSpec dot = spec.layer("dot").orElseThrow();
        assertEquals(List.of("dense", "value", "key"), dot.inboundLayers());
        assertEquals(new AttentionCall(0, 1, 2, -1, true), dot.notes().attentionCall());
    }

    @Test
    void anExplicitMaskOrASharedAttentionIsRefusedByName() {
        KinspectException masked = assertThrows(KinspectException.class, () -> spec(layer("Attention", "dot", "",
                "[[[\"dense\", 0, 0, {\"mask\": [[\"mask\", 0, 0], [\"mask\", 0, 0]]}],"
                        + " [\"value\", 0, 0, {\"mask\": [[\"mask\", 0, 0], [\"mask\", 0, 0]]}]]]")));
        assertTrue(masked.getMessage().contains("layer 'dot' (Attention)") && masked.getMessage().contains("mask"),
                masked.getMessage());
        KinspectException shared = assertThrows(KinspectException.class, () -> spec(layer("MultiHeadAttention",
                "twice", "\"num_heads\": 1, \"key_dim\": 2", "[[[\"dense\", 0, 0, {\"value\": [\"value\", 0, 0]}]],"
                        + " [[\"value\", 0, 0, {\"value\": [\"dense\", 0, 0]}]]]")));
        assertTrue(shared.getMessage().contains("layer 'twice' (MultiHeadAttention)")
                && shared.getMessage().contains("called 2 times"), shared.getMessage());
    }

    private static String input(String name, String shape) {
        return "{\"class_name\": \"InputLayer\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name
                + "\", \"batch_input_shape\": " + shape + "}, \"inbound_nodes\": []}";
    }

    private static String layer(String className, String name, String options, String inboundNodes) {
        return "{\"class_name\": \"" + className + "\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name
                + "\"" + (options.isEmpty() ? "" : ", " + options) + "}, \"inbound_nodes\": " + inboundNodes + "}";
    }

    private static ModelSpec spec(String attentionLayer) {
        String json = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"m\", \"layers\": [" + INPUTS + ", "
                + attentionLayer + "], \"input_layers\": [[\"query\", 0, 0], [\"value\", 0, 0], [\"key\", 0, 0],"
                + " [\"mask\", 0, 0], [\"ids\", 0, 0]], \"output_layers\": [[\"dense\", 0, 0]]},"
                + " \"keras_version\": \"2.4.0\", \"backend\": \"tensorflow\"}";
        return ConfigNormalizer.normalize(json, "2.4.0", "tensorflow", "model.h5");
    }
}
