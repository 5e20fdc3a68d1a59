package org.kinspect.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --spark MASTER} of the commands that can run as an Apache Spark job ({@code units},
 * {@code eval}): one wording, and one refusal of the options a Spark job does not take yet. Mixed
 * into each command with {@code @Mixin}.
 *
 * <pre>{@code
 * @Mixin SparkOption spark;
 * if (spark.given()) {
 *     spark.refuseIf(results.given() || common.strict, commandLine, "--out or --strict", "table");
 *     SparkJob job = spark.job(modelFile, dataSet);
 * }
 * }</pre>
 */
public final class SparkOption {

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run as an Apache Spark job on MASTER (local[*] in this process; yarn or spark://HOST:PORT "
                    + "under spark-submit), same answer as without. The data set's files (--input; eval's --labels "
                    + "and --reference) may then also be folders of .npy shards, or Parquet (a column per model "
                    + "input, an optional id column; --labels and --reference then name columns).")
    String master;

    /** @return whether {@code --spark} was given */
    boolean given() {
        return master != null;
    }

    /** @return the Spark master, e.g. {@code local[*]} */
    String master() {
        return master;
    }

    /**
     * @param unsupportedGiven whether an option a Spark job does not take was given
     * @param commandLine the command, for the usage error
     * @param unsupported those options, e.g. {@code --out, --config, --plugin or --strict}
     * @param printed what the command prints, the same with Spark, e.g. {@code tables}
     * @throws ParameterException when {@code unsupportedGiven}
     */
    void refuseIf(boolean unsupportedGiven, CommandLine commandLine, String unsupported, String printed) {
        if (unsupportedGiven) {
            throw new ParameterException(commandLine, "--spark does not take " + unsupported + " yet;"
                    + " leave them out (the " + printed + " and --json are the same as without --spark)");
        }
    }

    /**
     * @param modelFile the MODEL argument
     * @param dataSet the data set options
     * @return the job to run
     */
    SparkJob job(Path modelFile, DataSetOptions dataSet) {
        return SparkModule.job(master, modelFile, dataSet.inputs(), dataSet.batchSize());
    }
}
