package org.kinspect.inspect.memory;

import java.util.Arrays;
import java.util.Locale;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The type every value (activation, weight, gradient) is stored in, by its Keras name.
 *
 * <pre>{@code
 * Precision.parse("float16").bytes();   // 2
 * }</pre>
 */
public enum Precision {
    FLOAT16("float16", 2, DataType.HALF),
    FLOAT32("float32", 4, DataType.FLOAT),
    FLOAT64("float64", 8, DataType.DOUBLE);

    private final String kerasName;
    private final int bytes;
    private final DataType dl4jType;

    Precision(String kerasName, int bytes, DataType dl4jType) {
        this.kerasName = kerasName;
        this.bytes = bytes;
        this.dl4jType = dl4jType;
    }

    /** @return the name Keras uses, e.g. {@code float32} */
    public String kerasName() {
        return kerasName;
    }

    /** @return bytes per value */
    public int bytes() {
        return bytes;
    }

    /** @return the same type in ND4J's terms, for DL4J's own memory report */
    public DataType dl4jType() {
        return dl4jType;
    }

    /**
     * @param name {@code float16}, {@code float32} or {@code float64}, any case
     * @return that type
     * @throws KinspectException for any other name
     */
    public static Precision parse(String name) {
        return Arrays.stream(values()).filter(value -> value.kerasName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> KinspectException.input("unknown dtype '" + name
                        + "'; give one of float16, float32, float64"));
    }
}
