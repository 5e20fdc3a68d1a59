package org.kinspect.gradients;

import java.util.List;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras loss given labels, as a gradient target: its value is Keras's loss, the mean over the
 * batch of each example's loss, and its gradient with respect to the model's output is computed
 * here in Keras's own formula (probabilities renormalised to sum 1 and clipped to
 * {@code [1e-7, 1 - 1e-7]} for the cross-entropies), so the gradients match Keras's autodiff.
 *
 * <pre>{@code
 * KerasLoss loss = KerasLoss.of("categorical_crossentropy", oneHotLabels);
 * Gradients gradients = model.gradients(inputs, GradientTarget.loss(loss));
 * }</pre>
 *
 * @param name the Keras loss name
 * @param labels the labels: for {@code sparse_categorical_crossentropy} class indices (batch),
 *     otherwise shaped as the output
 */
public record KerasLoss(String name, INDArray labels) {
    /** The losses kinspect differentiates. */
    public static final List<String> NAMES = List.of("categorical_crossentropy", "sparse_categorical_crossentropy",
            "mean_squared_error");
    /** Keras's {@code backend.epsilon()}. */
    private static final double EPSILON = 1e-7;

    /**
     * @param name a Keras loss name ({@code mse} for {@code mean_squared_error})
     * @param labels the labels
     * @return the loss
     * @throws KinspectException when the loss is not one kinspect differentiates
     */
    public static KerasLoss of(String name, INDArray labels) {
        String canonical = name.equals("mse") ? "mean_squared_error" : name;
        if (!NAMES.contains(canonical)) {
            throw KinspectException.input("--loss " + name + " is not one kinspect differentiates; use one of "
                    + String.join(", ", NAMES) + ", mse");
        }
        return new KerasLoss(canonical, labels.castTo(DataType.DOUBLE));
    }

    /**
     * The loss's value per example and its gradient with respect to the output.
     *
     * @param perExample each example's share of the loss (its own loss / batch: the loss is their
     *     sum, and each example's input gradient is the gradient of its share), shape (batch)
     * @param gradient d mean loss / d output, Keras's layout
     */
    record Seed(INDArray perExample, INDArray gradient) {
    }

    /**
     * @param output the model output, Keras's layout, (batch, classes)
     * @return the loss per example and its gradient
     * @throws KinspectException when the labels do not fit the output
     */
    Seed seed(INDArray output) {
        INDArray p = output.castTo(DataType.DOUBLE);
        if (p.rank() != 2) {
            throw KinspectException.input("a loss needs an output of shape (batch, units); the output has shape "
                    + java.util.Arrays.toString(p.shape()));
        }
        long batch = p.size(0);
        INDArray y = targets(p);
        return switch (name) {
            case "mean_squared_error" -> {
                INDArray difference = p.sub(y);
                yield new Seed(difference.mul(difference).mean(1).div(batch),
                        difference.mul(2.0 / (batch * p.size(1))).castTo(DataType.FLOAT));
            }
            default -> crossEntropy(p, y, batch);
        };
    }

    private INDArray targets(INDArray p) {
        if (name.equals("sparse_categorical_crossentropy")) {
            if (labels.length() != p.size(0)) {
                throw KinspectException.input("sparse_categorical_crossentropy needs one class index per example: "
                        + labels.length() + " labels for " + p.size(0) + " examples");
            }
            INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, p.shape());
            for (int example = 0; example < p.size(0); example++) {
                int label = (int) labels.getDouble(example);
                if (label < 0 || label >= p.size(1)) {
                    throw KinspectException.input("label " + label + " of example " + example + " is no class of an"
                            + " output of " + p.size(1) + " units");
                }
                oneHot.putScalar(example, label, 1.0);
            }
            return oneHot;
        }
        if (!java.util.Arrays.equals(labels.shape(), p.shape())) {
            throw KinspectException.input("the labels have shape " + java.util.Arrays.toString(labels.shape())
                    + " where the output has " + java.util.Arrays.toString(p.shape()));
        }
        return labels;
    }

    /** Keras: q = p / sum(p); c = clip(q, eps, 1 - eps); loss = -sum(y log c), mean over the batch. */
    private static Seed crossEntropy(INDArray p, INDArray y, long batch) {
        long classes = p.size(1);
        INDArray perExample = Nd4j.zeros(DataType.DOUBLE, batch);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, p.shape());
        for (int example = 0; example < batch; example++) {
            double sum = p.getRow(example).sumNumber().doubleValue();
            double loss = 0;
            double[] byClipped = new double[(int) classes];
            double weighted = 0;
            for (int k = 0; k < classes; k++) {
                double q = p.getDouble(example, k) / sum;
                double clipped = Math.min(Math.max(q, EPSILON), 1 - EPSILON);
                loss -= y.getDouble(example, k) * Math.log(clipped);
                boolean inside = q > EPSILON && q < 1 - EPSILON;
                byClipped[k] = inside ? -y.getDouble(example, k) / clipped : 0; // d loss / d q_k
                weighted += byClipped[k] * p.getDouble(example, k);
            }
            perExample.putScalar(example, loss / batch);
            for (int k = 0; k < classes; k++) {
                // q_j = p_j / S: d loss / d p_k = g_k / S - sum_j g_j p_j / S^2
                gradient.putScalar(example, k, (byClipped[k] / sum - weighted / (sum * sum)) / batch);
            }
        }
        return new Seed(perExample, gradient.castTo(DataType.FLOAT));
    }
}
