package org.kinspect.cli;

import org.kinspect.eval.Evaluation;
import org.kinspect.units.UnitSurvey;

/**
 * What {@code units} and {@code eval} ask of the Spark module when {@code --spark MASTER} is given:
 * the same survey and evaluation, computed by a Spark job. The CLI does not carry Spark; the module
 * ({@code spark/}, class {@value #IMPLEMENTATION}) implements this and is found on the class path
 * at run time ({@link SparkModule}).
 *
 * <pre>{@code
 * UnitSurvey survey = SparkModule.runner().units(job, "lstm_1", 9);
 * }</pre>
 */
public interface SparkRunner {
    /** The class of the Spark module that implements this interface. */
    String IMPLEMENTATION = "org.kinspect.spark.KinspectSpark";

    /**
     * An evaluation and the layer it scored.
     *
     * @param outputLayer the layer whose output was scored
     * @param evaluation the scores
     */
    record Scored(String outputLayer, Evaluation evaluation) {}

    /**
     * @param job the master, model and data set
     * @param layer the layer to survey
     * @param top how many top examples per unit
     * @return the survey, as {@code UnitSurveyor.survey} over the whole data set gives
     */
    UnitSurvey units(SparkJob job, String layer, int top);

    /**
     * @param job the master, model and data set
     * @param labels where the labels are: a {@code .npy} file or a folder of shards beside the
     *     inputs', or a Parquet column name
     * @param reference where Keras's predictions are (as the labels), or null
     * @param outputLayer the layer to score, or null for the model's output
     * @param kind binary, multiclass or multilabel, or null to read it from the output layer
     * @param threshold the sigmoid threshold
     * @return the layer scored and the evaluation, as {@code Evaluator.evaluate} over the whole data set gives
     */
    Scored evaluate(SparkJob job, String labels, String reference, String outputLayer, String kind, double threshold);
}
