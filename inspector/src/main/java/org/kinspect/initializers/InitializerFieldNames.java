package org.kinspect.initializers;

/**
 * Which configuration field holds the initializer of a Keras weight: {@code kernel} is drawn by
 * {@code kernel_initializer}, {@code recurrent_kernel} by {@code recurrent_initializer}; Keras 1's
 * {@code W}, {@code U}, {@code b} by {@code init}, {@code inner_init} and zeros.
 */
final class InitializerFieldNames {

    private InitializerFieldNames() {}

    static String of(String weightName, int kerasMajorVersion) {
        if (kerasMajorVersion == 1) {
            if (weightName.startsWith("W")) return "init";
            if (weightName.startsWith("U")) return "inner_init";
            if (weightName.equals("b_f")) return "forget_bias_init";
            if (weightName.equals("gamma") || weightName.equals("beta")) return weightName + "_init";
        }
        return switch (weightName) {
            case "kernel" -> "kernel_initializer";
            case "recurrent_kernel" -> "recurrent_initializer";
            case "depthwise_kernel" -> "depthwise_initializer";
            case "pointwise_kernel" -> "pointwise_initializer";
            default -> weightName + "_initializer";
        };
    }

    /** Keras 1 had no initializer field for biases and BatchNormalization's running statistics. */
    static Object keras1Default(String weightName, int kerasMajorVersion) {
        if (kerasMajorVersion != 1) {
            return null;
        }
        if (weightName.startsWith("b") || weightName.equals("running_mean")) return "zero";
        if (weightName.equals("running_std")) return "one";
        return null;
    }
}
