package org.kinspect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Keras 3 records an attention layer's query, value, key and attention mask as call arguments, by
 * position or keyword; the normalised configuration lists each distinct tensor once and says which
 * is which. Read from the configurations of the layer coverage fixtures, which real Keras wrote.
 */
class AttentionCallTest {

    @Test
    void crossAttentionArgumentsByPositionAndKeywordGetTheirRoles() throws Exception {
        ModelSpec spec = spec("multi_head_cross_attention.keras");
        assertCall(spec, "cross", List.of("query", "value"), new AttentionCall(0, 1, 1, -1, false));
        assertCall(spec, "cross_key", List.of("query", "value", "key"), new AttentionCall(0, 1, 2, -1, false));
        assertCall(spec, "cross_causal", List.of("query", "value"), new AttentionCall(0, 1, 1, -1, true));
        assertCall(spec, "cross_masked", List.of("query", "value", "mask"), new AttentionCall(0, 1, 1, 2, false));
        assertCall(spec, "cross_masked_causal", List.of("query", "value", "key", "mask"),
                new AttentionCall(0, 1, 2, 3, true));
    }

    @Test
    void selfAttentionTakesItsOneTensorOnce() throws Exception {
        ModelSpec spec = spec("multi_head_attention.keras");
        assertCall(spec, "mha", List.of("pre"), new AttentionCall(0, 0, 0, -1, false));
        assertCall(spec, "mha_no_bias", List.of("pre"), new AttentionCall(0, 0, 0, -1, false));
        assertCall(spec, "mha_causal", List.of("pre"), new AttentionCall(0, 0, 0, -1, true));
    }

    @Test
    void attentionListInputsGetTheirRoles() throws Exception {
        ModelSpec spec = spec("attention.keras");
        assertCall(spec, "dot", List.of("query", "value"), new AttentionCall(0, 1, 1, -1, false));
        assertCall(spec, "dot_scaled_key", List.of("query", "value", "key"), new AttentionCall(0, 1, 2, -1, false));
        assertCall(spec, "dot_causal", List.of("query", "value"), new AttentionCall(0, 1, 1, -1, true));
        assertCall(spec, "self_causal", List.of("query"), new AttentionCall(0, 0, 0, -1, true));
    }

    private static void assertCall(ModelSpec spec, String layerName, List<String> inbound, AttentionCall call) {
        LayerSpec layer = spec.layer(layerName).orElseThrow();
        assertEquals(inbound, layer.inboundLayers(), layerName);
        assertEquals(call, layer.notes().attentionCall(), layerName);
    }

    private static ModelSpec spec(String fixture) throws IOException, URISyntaxException {
        Path path = Path.of(AttentionCallTest.class.getResource("/layers/" + fixture).toURI());
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            return ConfigNormalizer.normalize(config, "3.16.0", "torch", fixture);
        }
    }
}
