package org.kinspect.file;

import io.jhdf.api.Dataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads an HDF5 dataset of numbers into a float32 array of the same shape. */
final class DatasetValues {

    private DatasetValues() {}

    static INDArray read(Dataset dataset, Path file) {
        DatasetSize.check(dataset, file);
        long[] shape = dataset.isScalar() ? new long[0] : dataset.getDimensionsAsLong();
        INDArray direct = float32Direct(dataset, shape);
        if (direct != null) {
            return direct;
        }
        Object flat = dataset.isScalar() ? scalarAsFlat(dataset.getData()) : dataset.getDataFlat();
        float[] values = toFloats(flat, dataset, file);
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    /**
     * The common case, float32 values: jhdf's raw bytes (a view of the mapped file for contiguous
     * datasets) are copied in bulk into the array's own memory, with no {@code float[]} in between.
     *
     * @return the array, or null when the dataset is not a non-empty float32 array jhdf hands out as bytes
     */
    private static INDArray float32Direct(Dataset dataset, long[] shape) {
        if (dataset.isScalar() || dataset.isEmpty() || !(dataset instanceof DatasetBase base)
                || !(dataset.getDataType() instanceof FloatingPoint floating) || floating.getSize() != 4) {
            return null;
        }
        long size = dataset.getSize();
        if (size <= 0 || size > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer bytes = base.getDataBuffer();
        if (bytes == null || bytes.remaining() < size * Float.BYTES) {
            return null;
        }
        FloatBuffer source = bytes.slice().order(floating.getByteOrder()).asFloatBuffer();
        source.limit((int) size);
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        FloatBuffer target = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (target.remaining() < size) {
            return null;
        }
        target.put(source);
        return array;
    }

    private static Object scalarAsFlat(Object scalar) {
        if (scalar instanceof Number number) {
            return new double[] {number.doubleValue()};
        }
        return scalar;
    }

    private static float[] toFloats(Object flat, Dataset dataset, Path file) {
        if (flat instanceof float[] floats) {
            return floats;
        }
        float[] values;
        if (flat instanceof double[] doubles) {
            values = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) values[i] = (float) doubles[i];
        } else if (flat instanceof int[] ints) {
            values = new float[ints.length];
            for (int i = 0; i < ints.length; i++) values[i] = ints[i];
        } else if (flat instanceof long[] longs) {
            values = new float[longs.length];
            for (int i = 0; i < longs.length; i++) values[i] = longs[i];
        } else if (flat instanceof short[] shorts) {
            values = new float[shorts.length];
            for (int i = 0; i < shorts.length; i++) values[i] = shorts[i];
        } else if (flat instanceof byte[] bytes) {
            values = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) values[i] = bytes[i];
        } else {
            throw KinspectException.modelFile(file + ": dataset '" + dataset.getPath() + "' holds "
                    + dataset.getJavaType().getSimpleName() + " values, not numbers; the file is not a Keras model");
        }
        return values;
    }
}
