package org.kinspect.inspect.memory;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A training optimizer, by what it keeps between steps: plain SGD nothing, momentum, Adagrad and
 * RMSprop one value per trained parameter (velocity, sum of squares, mean square), Adam two (first
 * and second moments).
 *
 * <pre>{@code
 * Optimizer.parse("adam").stateCopies();   // 2
 * }</pre>
 */
public enum Optimizer {
    SGD("sgd", 0, Sgd::new),
    MOMENTUM("momentum", 1, Nesterovs::new),
    ADAGRAD("adagrad", 1, AdaGrad::new),
    RMSPROP("rmsprop", 1, RmsProp::new),
    ADAM("adam", 2, Adam::new);

    private final String cliName;
    private final int stateCopies;
    private final Supplier<IUpdater> dl4jUpdater;

    Optimizer(String cliName, int stateCopies, Supplier<IUpdater> dl4jUpdater) {
        this.cliName = cliName;
        this.stateCopies = stateCopies;
        this.dl4jUpdater = dl4jUpdater;
    }

    /** @return its name on the command line, e.g. {@code rmsprop} */
    public String cliName() {
        return cliName;
    }

    /** @return how many values it keeps per trained parameter */
    public int stateCopies() {
        return stateCopies;
    }

    /** @return DL4J's updater of the same kind, for DL4J's own memory report */
    IUpdater dl4jUpdater() {
        return dl4jUpdater.get();
    }

    /**
     * @param name {@code sgd}, {@code momentum}, {@code adam}, {@code adagrad} or {@code rmsprop}, any case
     * @return that optimizer
     * @throws KinspectException for any other name
     */
    public static Optimizer parse(String name) {
        return Arrays.stream(values()).filter(value -> value.cliName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> KinspectException.input("unknown optimizer '" + name
                        + "'; give one of sgd, momentum, adam, adagrad, rmsprop"));
    }
}
