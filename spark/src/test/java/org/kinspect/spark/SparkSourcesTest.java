package org.kinspect.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.cli.KinspectCommand;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parquet in, the same answers out (examples named by the id column, whatever order Spark reads the
 * files in); and a bad row, in Parquet or in a .npy shard, fails the job with one line naming its
 * shard and row, after Spark's retries, instead of a partial answer.
 */
class SparkSourcesTest {
    /** Rows per Parquet file: whole batches of 64, so each file's batches are the single machine's. */
    private static final int FILE_ROWS = 384;

    @TempDir
    static Path folder;
    static ShardedSamples samples;
    static Path parquet;
    static Path badParquet;
    static String inputName;

    @BeforeAll
    static void writeData() throws Exception {
        samples = ShardedSamples.write(folder);
        inputName = InspectedModel.open(ShardedSamples.MODEL).inputNames().get(0);
        INDArray x = NpyFile.read(samples.x);
        INDArray y = NpyFile.read(samples.y);
        INDArray reference = NpyFile.read(samples.reference);
        parquet = folder.resolve("data.parquet");
        badParquet = folder.resolve("bad.parquet");
        SparkSessions.quietLog();
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType().add("id", DataTypes.LongType).add(inputName,
                    DataTypes.createArrayType(DataTypes.FloatType)).add("label", DataTypes.IntegerType)
                    .add("pred", DataTypes.createArrayType(DataTypes.FloatType));
            for (int from = 0; from < ShardedSamples.EXAMPLES; from += FILE_ROWS) {
                int to = Math.min(ShardedSamples.EXAMPLES, from + FILE_ROWS);
                List<Row> rows = new ArrayList<>();
                for (int example = from; example < to; example++) {
                    rows.add(RowFactory.create((long) example, floats(x.slice(example)), (int) y.getDouble(example),
                            floats(reference.slice(example))));
                }
                spark.createDataFrame(rows, schema).coalesce(1).write().mode("append").parquet(parquet.toString());
            }
            // The same first 200 rows, but row 17's example is two values short.
            List<Row> rows = new ArrayList<>();
            for (int example = 0; example < 200; example++) {
                float[] values = floats(x.slice(example));
                rows.add(RowFactory.create((long) example, example == 17 ? java.util.Arrays.copyOf(values, values.length - 2)
                        : values, (int) y.getDouble(example), floats(reference.slice(example))));
            }
            spark.createDataFrame(rows, schema).coalesce(1).write().parquet(badParquet.toString());
        } finally {
            spark.stop();
        }
        // Each file a partition of its own (Spark would pack small files together).
        System.setProperty("spark.sql.files.openCostInBytes", "134217728");
    }

    @AfterAll
    static void clearSettings() {
        System.clearProperty("spark.sql.files.openCostInBytes");
    }

    @Test
    void unitsAndEvalOnParquetEqualTheCommandsAlone() throws Exception {
        List<String> units = List.of("units", ShardedSamples.MODEL.toString(), "--layer", "lstm_1", "--top", "6",
                "--batch", "64", "--json");
        SparkParityTest.assertSame("", SparkParityTest.json(SparkParityTest.run(units, "--input", samples.x.toString())),
                SparkParityTest.json(SparkParityTest.run(units, "--input", parquet.toString(), "--spark", "local[2]")));

        List<String> eval = List.of("eval", ShardedSamples.MODEL.toString(), "--batch", "64", "--json");
        JsonNode alone = SparkParityTest.json(SparkParityTest.run(eval, "--input", samples.x.toString(), "--labels",
                samples.y.toString(), "--reference", samples.reference.toString()));
        JsonNode spark = SparkParityTest.json(SparkParityTest.run(eval, "--input", inputName + "=" + parquet, "--labels",
                "label", "--reference", "pred", "--spark", "local[2]"));
        ((ObjectNode) alone.get("reference")).remove("file");
        ((ObjectNode) spark.get("reference")).remove("file");
        SparkParityTest.assertSame("", alone, spark);
    }

    @Test
    void aBadParquetRowFailsTheJobWithOneLineNamingItsShardAndRow() throws Exception {
        String line = failure("units", ShardedSamples.MODEL.toString(), "--layer", "lstm_1", "--input",
                badParquet.toString(), "--spark", "local[2,2]");
        assertTrue(line.matches("kinspect: .*bad\\.parquet: shard part-[^ ]*\\.parquet row 17 \\(example 17\\): column '"
                + inputName + "' holds 38 values where 40 .*"), line);
    }

    @Test
    void aBadLabelInANpyShardFailsTheJobWithOneLineNamingTheShard() throws Exception {
        Path shards = folder.resolve("bad-labels");
        Files.createDirectories(shards);
        for (Path shard : NpyShardSource.shards(samples.shards.resolve("y").toString())) {
            INDArray labels = NpyFile.read(shard);
            if (shard.getFileName().toString().equals("part-002.npy")) {
                labels.putScalar(5, 7);  // example 400 + 350 + 5 = 755 of a model with three classes
            }
            NpyFile.write(shards.resolve(shard.getFileName()), labels);
        }
        String line = failure("eval", ShardedSamples.MODEL.toString(), "--input", samples.shards.resolve("x").toString(),
                "--labels", shards.toString(), "--batch", "64", "--spark", "local[2,2]");
        // Example 755 is row 5 of part-002.npy; its batch of 64 (examples 704 to 767) spans two shards.
        assertTrue(line.startsWith("kinspect: shards part-001.npy rows 304 to 349 and part-002.npy rows 0 to 17"
                + " (examples 704 to 767): "), line);
        assertTrue(line.endsWith("bad-labels: label 7.0 of example 755 is not a class index (0 to 2)"), line);
    }

    private static String failure(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KinspectCommand.run(arguments, new PrintWriter(out), new PrintWriter(err));
        assertEquals(4, exit, "stderr: " + err);
        assertEquals("", out.toString());
        List<String> lines = err.toString().lines().filter(line -> line.startsWith("kinspect: ")).toList();
        assertEquals(1, lines.size(), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        return lines.get(0);
    }

    private static float[] floats(INDArray example) {
        return example.dup('c').data().asFloat();
    }
}
