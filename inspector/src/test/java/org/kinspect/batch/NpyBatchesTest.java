package org.kinspect.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.array.NpyFile;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Batches of several input files, and of arrays in memory, cover every row once, in order. */
class NpyBatchesTest {
    @TempDir
    Path temp;

    @Test
    void batchesOfTwoInputsCoverEveryRowInOrder() {
        INDArray image = Nd4j.linspace(0, 1, 10 * 4 * 3, DataType.FLOAT).reshape(10, 4, 3);
        INDArray meta = Nd4j.linspace(-1, 0, 10 * 2, DataType.FLOAT).reshape(10, 2);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("image", write("image.npy", image));
        files.put("meta", write("meta.npy", meta));
        try (NpyBatches batches = NpyBatches.open(files, 4)) {
            assertEquals(10, batches.exampleCount());
            assertEquals(3, batches.batchCount());
            assertEquals(List.of("image", "meta"), batches.inputNames());
            List<Long> sizes = new ArrayList<>();
            long from = 0;
            for (Map<String, INDArray> batch : batches) {
                long size = batch.get("image").size(0);
                sizes.add(size);
                assertEquals(image.get(NDArrayIndex.interval(from, from + size)), batch.get("image"));
                assertEquals(meta.get(NDArrayIndex.interval(from, from + size)), batch.get("meta"));
                from += size;
            }
            assertEquals(List.of(4L, 4L, 2L), sizes);
            assertEquals(meta.get(NDArrayIndex.interval(7, 8)), batches.rows(7, 8).get("meta"));
        }
    }

    @Test
    void inMemorySlicesMatchFileBatches() {
        INDArray x = Nd4j.linspace(0, 1, 7 * 3, DataType.FLOAT).reshape(7, 3);
        List<INDArray> slices = new ArrayList<>();
        InputBatches.slices(Map.of("x", x), 3).forEach(batch -> slices.add(batch.get("x")));
        assertEquals(3, slices.size());
        assertEquals(x.get(NDArrayIndex.interval(6, 7)), slices.get(2));
    }

    @Test
    void filesWithDifferentExampleCountsAreRefused() {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("image", write("image.npy", Nd4j.zeros(DataType.FLOAT, 10, 4)));
        files.put("meta", write("meta.npy", Nd4j.zeros(DataType.FLOAT, 9, 2)));
        KinspectException problem = assertThrows(KinspectException.class, () -> NpyBatches.open(files, 4));
        assertTrue(problem.getMessage().startsWith("the inputs disagree on the number of examples: 'image' (image.npy)"
                + " has 10, 'meta' (meta.npy) has 9"), problem.getMessage());
    }

    private Path write(String name, INDArray values) {
        Path file = temp.resolve(name);
        NpyFile.write(file, values);
        return file;
    }
}
