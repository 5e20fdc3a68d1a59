/**
 * After step 4 of the flow (file -> config -> graph -> inspect -> report): scoring a classifier on
 * a labelled data set. {@link org.kinspect.eval.Evaluator} streams the batches
 * ({@link org.kinspect.eval.LabelledBatch}, read from {@code .npy} files by
 * {@link org.kinspect.eval.NpyLabelledBatches}) through the model and returns an
 * {@link org.kinspect.eval.Evaluation}: the confusion matrix, each class's precision, recall, F1
 * and support, accuracy, macro and weighted F1, {@link org.kinspect.eval.Calibration}, and, given
 * Keras's own predictions, {@link org.kinspect.eval.ReferenceAgreement}. Binary, multi-class and
 * multi-label outputs ({@link org.kinspect.eval.OutputKind}) are told apart by the output layer's
 * activation. Memory stays flat however many batches there are.
 *
 * <p>Must not depend on {@code report}, {@code units} or the CLI (true today); {@code report} draws
 * an {@code Evaluation} ({@code EvaluationCharts}).
 *
 * <pre>{@code
 * try (NpyBatches inputs = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256);
 *         NpyLabelledBatches data = NpyLabelledBatches.open(inputs, Path.of("y.npy"), null)) {
 *     Evaluation evaluation = Evaluator.of(model).evaluate(data);
 *     System.out.printf("accuracy %.3f, macro F1 %.3f%n", evaluation.accuracy(), evaluation.macroF1());
 * }
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.eval;
