package org.kinspect.eval;

import java.util.Locale;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;

/**
 * What a classifier's output means, which decides how it is scored: one sigmoid (binary), a softmax
 * over classes (multi-class), or one sigmoid per label (multi-label).
 *
 * <pre>{@code
 * OutputKind kind = OutputKind.of(ModelInternals.spec(model).layer("classes").orElseThrow(), 3);  // MULTI_CLASS
 * }</pre>
 */
public enum OutputKind {
    /** One probability per example: of class 1; class 0 is its complement. */
    BINARY("binary", "sigmoid"),
    /** One probability per class per example, summing to 1; the predicted class is the largest. */
    MULTI_CLASS("multi-class", "softmax"),
    /** One independent probability per label per example; each label is predicted on its own. */
    MULTI_LABEL("multi-label", "sigmoid");

    private final String label;
    private final String activation;

    OutputKind(String label, String activation) {
        this.label = label;
        this.activation = activation;
    }

    /** @return how people call it: {@code binary}, {@code multi-class}, {@code multi-label} */
    public String label() {
        return label;
    }

    /** @return the activation that makes this kind of output */
    public String activation() {
        return activation;
    }

    /**
     * Reads the kind from the output layer's activation: a {@code Dense(..., activation=...)},
     * an {@code Activation} layer, or a {@code Softmax} layer.
     *
     * @param output the output layer
     * @param width how many values it gives per example
     * @return the kind
     * @throws KinspectException when the activation does not make probabilities (logits, ReLU...)
     */
    static OutputKind of(LayerSpec output, long width) {
        String activation = output.className().equals("Softmax") ? "softmax"
                : String.valueOf(output.config().get("activation")).toLowerCase(Locale.ROOT);
        if (activation.equals("softmax") && width >= 2) {
            return MULTI_CLASS;
        }
        if (activation.equals("sigmoid") || activation.equals("hard_sigmoid")) {
            return width == 1 ? BINARY : MULTI_LABEL;
        }
        throw KinspectException.input("output layer '" + output.name() + "' (" + output.className() + ", activation '"
                + activation + "', " + width + " value" + (width == 1 ? "" : "s") + " per example) does not give "
                + "probabilities; kinspect eval scores softmax or sigmoid outputs; if these values are "
                + "probabilities, say which with " + Evaluator.SAY_THE_KIND);
    }

    /**
     * @param text what the user wrote: {@code binary}, {@code multiclass} (or {@code multi-class}),
     *     {@code multilabel} (or {@code multi-label})
     * @return the kind
     * @throws KinspectException for anything else
     */
    public static OutputKind parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "binary" -> BINARY;
            case "multiclass" -> MULTI_CLASS;
            case "multilabel" -> MULTI_LABEL;
            default -> throw KinspectException.input("unknown output kind '" + text + "': give binary, multiclass or multilabel");
        };
    }
}
