package org.kinspect.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.kinspect.batch.NumberedBatch;
import org.kinspect.errors.KinspectException;
import org.kinspect.eval.LabelledBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * A data set as Parquet: one column of fixed-size float (or double) arrays per model input, each
 * row one example flattened in C order; for an evaluation a label column (a class index, or an
 * array: one-hot or 0/1 rows) and optionally a reference column of predictions. An integer column
 * {@value #ID_COLUMN} gives each example's index, the one top lists name; without it examples are
 * numbered in the order Spark reads the files. Any file system Spark reads (HDFS, S3) works.
 *
 * <pre>{@code
 * ParquetSource source = ParquetSource.plan(session, "data.parquet", Map.of("signal", new long[] {20, 2}),
 *         "label", null, 256);
 * }</pre>
 */
final class ParquetSource implements ExampleSource {
    private static final long serialVersionUID = 1L;

    /** The column that numbers the examples, when present. */
    static final String ID_COLUMN = "id";

    private static final String FILE = "__kinspect_file";
    private static final String ROW = "__kinspect_row";

    private final transient Dataset<Row> selected;
    private final String location;
    private final List<String> inputNames;
    private final List<String> inputColumns;
    private final List<long[]> exampleShapes;
    private final String labelsColumn;
    private final boolean labelRows;
    private final String referenceColumn;
    private final boolean numbered;
    private final int batchSize;

    private ParquetSource(Dataset<Row> selected, String location, List<String> inputNames, List<String> inputColumns,
            List<long[]> exampleShapes, String labelsColumn, boolean labelRows, String referenceColumn,
            boolean numbered, int batchSize) {
        this.selected = selected;
        this.location = location;
        this.inputNames = inputNames;
        this.inputColumns = inputColumns;
        this.exampleShapes = exampleShapes;
        this.labelsColumn = labelsColumn;
        this.labelRows = labelRows;
        this.referenceColumn = referenceColumn;
        this.numbered = numbered;
        this.batchSize = batchSize;
    }

    /**
     * Reads the schema (on the driver) and chooses the columns.
     *
     * @param session the session
     * @param location the Parquet file or folder (any URI Spark reads)
     * @param exampleShapes each model input's example shape (without the batch axis), by input name
     * @param labelsColumn the label column, or null for a survey
     * @param referenceColumn the reference column, or null
     * @param batchSize examples run at a time
     * @return the source
     * @throws KinspectException when a column is missing or not an array of numbers
     */
    static ParquetSource plan(SparkSession session, String location, Map<String, long[]> exampleShapes,
            String labelsColumn, String referenceColumn, int batchSize) {
        Dataset<Row> data;
        try {
            data = session.read().parquet(location);
        } catch (Exception e) {  // AnalysisException is checked, but Scala throws it undeclared
            throw KinspectException.input(location + ": cannot be read as Parquet (" + JobFailures.firstLine(e) + ")", e);
        }
        StructType schema = data.schema();
        List<String> names = new ArrayList<>(exampleShapes.keySet());
        List<String> columns = new ArrayList<>();
        for (String input : names) {
            columns.add(inputColumn(schema, input, names.size(), location));
        }
        List<Column> selection = new ArrayList<>();
        for (String column : columns) {
            selection.add(data.col(quoted(column)).cast(DataTypes.createArrayType(DataTypes.FloatType)));
        }
        boolean labelRows = false;
        if (labelsColumn != null) {
            DataType type = require(schema, labelsColumn, location, "labels").dataType();
            labelRows = type instanceof ArrayType;
            selection.add(data.col(quoted(labelsColumn))
                    .cast(labelRows ? DataTypes.createArrayType(DataTypes.FloatType) : DataTypes.FloatType));
        }
        if (referenceColumn != null) {
            require(schema, referenceColumn, location, "reference");
            selection.add(data.col(quoted(referenceColumn)).cast(DataTypes.createArrayType(DataTypes.FloatType)));
        }
        boolean numbered = Arrays.asList(schema.fieldNames()).contains(ID_COLUMN)
                && schema.apply(ID_COLUMN).dataType() instanceof IntegralType;
        if (numbered) {
            selection.add(data.col(ID_COLUMN).cast(DataTypes.LongType));
        }
        // Where each row is, to name a bad one: its file and its index in the file.
        selection.add(data.col("_metadata.file_name").as(FILE));
        selection.add(data.col("_metadata.row_index").as(ROW));
        Dataset<Row> selected = data.select(selection.toArray(new Column[0]));
        return new ParquetSource(selected, location, names, columns, new ArrayList<>(exampleShapes.values()),
                labelsColumn, labelRows, referenceColumn, numbered, batchSize);
    }

    private static String inputColumn(StructType schema, String input, int inputs, String location) {
        if (Arrays.asList(schema.fieldNames()).contains(input)) {
            requireArray(schema.apply(input), location);
            return input;
        }
        List<StructField> arrays = Arrays.stream(schema.fields()).filter(field -> field.dataType() instanceof ArrayType)
                .toList();
        if (inputs == 1 && arrays.size() == 1) {
            return arrays.get(0).name();
        }
        throw KinspectException.input(location + ": has no column '" + input + "' for model input '" + input
                + "' (columns: " + String.join(", ", schema.fieldNames()) + "); name each input's column after it");
    }

    private static StructField require(StructType schema, String column, String location, String what) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw KinspectException.input(location + ": has no " + what + " column '" + column + "' (columns: "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
        return schema.apply(column);
    }

    private static void requireArray(StructField field, String location) {
        if (!(field.dataType() instanceof ArrayType)) {
            throw KinspectException.input(location + ": column '" + field.name() + "' is " + field.dataType().simpleString()
                    + ", not an array of numbers; write each example as a flat array");
        }
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    @Override
    public long exampleCount() {
        return -1;
    }

    @Override
    public <R extends Serializable> List<R> run(SparkSession session, String modelFileName, PartitionWork<R> work) {
        JavaRDD<InternalRow> rows = selected.queryExecution().toRdd().toJavaRDD();
        int idOrdinal = inputColumns.size() + (labelsColumn == null ? 0 : 1) + (referenceColumn == null ? 0 : 1);
        JavaRDD<Tuple2<InternalRow, Long>> indexed = numbered
                ? rows.map(row -> new Tuple2<>(row, row.isNullAt(idOrdinal) ? -1L : row.getLong(idOrdinal)))
                : rows.zipWithIndex().map(pair -> pair);
        ParquetSource source = this;
        List<TaskOutcome<R>> outcomes = indexed.mapPartitions(partition -> {
            if (!partition.hasNext()) {
                return java.util.Collections.<TaskOutcome<R>>emptyIterator();
            }
            TaskOutcome<R> outcome = TaskOutcome.of(() -> ExecutorModels.withModel(modelFileName,
                    model -> work.run(model, source.batches(partition))));
            return java.util.Collections.singletonList(outcome).iterator();
        }).collect();
        return TaskOutcome.partsOrFirstProblem(outcomes);
    }

    /** The rows of a partition as batches, each row checked and copied out as it is reached. */
    Iterable<NumberedBatch<LabelledBatch>> batches(Iterator<Tuple2<InternalRow, Long>> rows) {
        int inputs = inputColumns.size();
        int[] elements = new int[inputs];
        for (int input = 0; input < inputs; input++) {
            elements[input] = Math.toIntExact(Arrays.stream(exampleShapes.get(input)).reduce(1, (a, b) -> a * b));
        }
        int labelOrdinal = inputs;
        int referenceOrdinal = inputs + (labelsColumn == null ? 0 : 1);
        int fileOrdinal = referenceOrdinal + (referenceColumn == null ? 0 : 1) + (numbered ? 1 : 0);
        return () -> new Iterator<>() {
            private long batches;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public NumberedBatch<LabelledBatch> next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                InjectedFaults.afterBatch(batches++);
                float[][] values = new float[inputs][];
                for (int input = 0; input < inputs; input++) {
                    values[input] = new float[batchSize * elements[input]];
                }
                float[] labels = null;
                int labelWidth = -1;
                float[] reference = null;
                int referenceWidth = -1;
                long[] indices = new long[batchSize];
                int size = 0;
                while (size < batchSize && rows.hasNext()) {
                    Tuple2<InternalRow, Long> pair = rows.next();
                    InternalRow row = pair._1();
                    Place place = new Place(row, fileOrdinal, pair._2());
                    if (pair._2() < 0) {
                        throw place.bad("column '" + ID_COLUMN + "' is empty; give every example an id");
                    }
                    indices[size] = pair._2();
                    for (int input = 0; input < inputs; input++) {
                        float[] example = array(row, input, elements[input], inputColumns.get(input), place);
                        System.arraycopy(example, 0, values[input], size * elements[input], elements[input]);
                    }
                    if (labelsColumn != null) {
                        if (row.isNullAt(labelOrdinal)) {
                            throw place.bad("column '" + labelsColumn + "' is empty; give every example a label");
                        }
                        float[] label = labelRows ? row.getArray(labelOrdinal).toFloatArray()
                                : new float[] {row.getFloat(labelOrdinal)};
                        if (labels == null) {
                            labelWidth = label.length;
                            labels = new float[batchSize * labelWidth];
                        } else if (label.length != labelWidth) {
                            throw place.bad("column '" + labelsColumn + "' holds " + label.length + " values where the"
                                    + " rows before hold " + labelWidth + "; give every example a label of one shape");
                        }
                        System.arraycopy(label, 0, labels, size * labelWidth, labelWidth);
                    }
                    if (referenceColumn != null) {
                        float[] predictions = array(row, referenceOrdinal, -1, referenceColumn, place);
                        if (reference == null) {
                            referenceWidth = predictions.length;
                            reference = new float[batchSize * referenceWidth];
                        } else if (predictions.length != referenceWidth) {
                            throw place.bad("column '" + referenceColumn + "' holds " + predictions.length
                                    + " values where the rows before hold " + referenceWidth);
                        }
                        System.arraycopy(predictions, 0, reference, size * referenceWidth, referenceWidth);
                    }
                    size++;
                }
                Map<String, INDArray> batch = new LinkedHashMap<>();
                for (int input = 0; input < inputs; input++) {
                    batch.put(inputNames.get(input), rowsOf(values[input], size, exampleShapes.get(input)));
                }
                INDArray labelArray = labels == null ? null
                        : labelRows ? rowsOf(labels, size, new long[] {labelWidth}) : rowsOf(labels, size, new long[0]);
                INDArray referenceArray = reference == null ? null : rowsOf(reference, size, new long[] {referenceWidth});
                return new NumberedBatch<>(new LabelledBatch(batch, labelArray, referenceArray),
                        Arrays.copyOf(indices, size));
            }
        };
    }

    private float[] array(InternalRow row, int ordinal, int expected, String column, Place place) {
        if (row.isNullAt(ordinal)) {
            throw place.bad("column '" + column + "' is empty");
        }
        ArrayData array = row.getArray(ordinal);
        if (expected >= 0 && array.numElements() != expected) {
            throw place.bad("column '" + column + "' holds " + array.numElements() + " values where " + expected
                    + " (one example, flattened) were expected");
        }
        for (int element = 0; element < array.numElements(); element++) {
            if (array.isNullAt(element)) {
                throw place.bad("column '" + column + "' has an empty value at " + element);
            }
        }
        return array.toFloatArray();
    }

    private static INDArray rowsOf(float[] values, int size, long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = size;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return Nd4j.create(length == values.length ? values : Arrays.copyOf(values, (int) length), shape, 'c');
    }

    /** Where a row is, for the one line that reports it bad. */
    private final class Place {
        private final String file;
        private final long row;
        private final long index;

        Place(InternalRow row, int fileOrdinal, long index) {
            this.file = row.isNullAt(fileOrdinal) ? "?" : row.getUTF8String(fileOrdinal).toString();
            this.row = row.isNullAt(fileOrdinal + 1) ? -1 : row.getLong(fileOrdinal + 1);
            this.index = index;
        }

        KinspectException bad(String problem) {
            return KinspectException.input(location + ": shard " + file + " row " + row + " (example " + index + "): "
                    + problem + "; fix or drop that row");
        }
    }
}
