package org.kinspect.convert;

import java.util.Map;

/**
 * The kinspect classes that DL4J's configuration JSON names ({@code "@class"}) and that were moved
 * or renamed after the converted format first came out, by their old and their current name. A
 * converted file names the classes of the kinspect that wrote it; reading it by today's names keeps
 * every older converted file readable (DL4J would refuse an unknown class as a damaged file).
 *
 * <pre>{@code
 * RenamedClasses.inCurrentNames("{\"@class\":\"org.kinspect.graph.masking.KerasMaskedRnn\"}");
 * // {"@class":"org.kinspect.graph.masking.MaskedRnn"}
 * }</pre>
 */
final class RenamedClasses {
    /** Old name to current name; add a line whenever a class DL4J serialises moves or is renamed. */
    static final Map<String, String> CURRENT_NAMES = Map.ofEntries(
            // graph/layers split into recurrent, masking and base
            Map.entry("org.kinspect.graph.layers.GruLayer", "org.kinspect.graph.recurrent.GruLayer"),
            Map.entry("org.kinspect.graph.layers.Keras3HardSigmoid", "org.kinspect.graph.recurrent.Keras3HardSigmoid"),
            Map.entry("org.kinspect.graph.layers.TimeFoldingLayer", "org.kinspect.graph.base.TimeFoldingLayer"),
            Map.entry("org.kinspect.graph.layers.KerasMaskedMerge", "org.kinspect.graph.masking.MaskedMerge"),
            Map.entry("org.kinspect.graph.layers.KerasMaskedRnn", "org.kinspect.graph.masking.MaskedRnn"),
            Map.entry("org.kinspect.graph.layers.KerasMasking", "org.kinspect.graph.masking.MaskingLayer"),
            // the Keras prefix kept for Keras's own things: kinspect's DL4J layers lost it
            Map.entry("org.kinspect.graph.masking.KerasMaskedMerge", "org.kinspect.graph.masking.MaskedMerge"),
            Map.entry("org.kinspect.graph.masking.KerasMaskedRnn", "org.kinspect.graph.masking.MaskedRnn"),
            Map.entry("org.kinspect.graph.masking.KerasMasking", "org.kinspect.graph.masking.MaskingLayer"),
            Map.entry("org.kinspect.graph.pooling.KerasMaskedAveragePooling", "org.kinspect.graph.pooling.MaskedAveragePooling"));

    private RenamedClasses() {}

    /**
     * @param dl4jJson DL4J's configuration JSON as a converted file holds it
     * @return the same JSON naming today's classes (each old name replaced where it stands as a whole
     *     JSON string)
     */
    static String inCurrentNames(String dl4jJson) {
        String json = dl4jJson;
        for (Map.Entry<String, String> renamed : CURRENT_NAMES.entrySet()) {
            json = json.replace('"' + renamed.getKey() + '"', '"' + renamed.getValue() + '"');
        }
        return json;
    }
}
