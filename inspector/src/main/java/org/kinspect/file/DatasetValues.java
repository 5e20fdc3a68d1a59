package org.kinspect.file;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.kinspect.errors.KinspectException;

/**
 * Reads an HDF5 dataset of numbers as float32 values of the same shape, or says where its numbers
 * are. Read into Java's memory, not ND4J's: opening a model to describe it needs no ND4J
 * ({@link WeightValues#ofFloats}).
 */
final class DatasetValues {

    /**
     * Weights smaller than this are read when the file is opened: the file is at hand then, and a
     * small model's many small weights each read later would each open the file again. The
     * property {@code kinspect.weights.readLaterFromBytes} changes it (0: every weight read later,
     * to check that path on small models).
     */
    static final long READ_LATER_FROM_BYTES = Long.getLong("kinspect.weights.readLaterFromBytes", 1L << 20);

    private DatasetValues() {}

    /**
     * A weight's values without reading them, when they can be read later straight from the file:
     * float32 stored contiguously (what Keras writes). Anything else is read now ({@link #read}).
     *
     * @param dataset the weight's dataset
     * @param file the file, for messages, and checked unchanged before the values are read
     * @param offset where the HDF5 file starts in {@code file}: 0, or the first byte of a zip's
     *     stored entry read in place
     * @param open the file the dataset is in, kept open to read it later (a file of kinspect's own
     *     whose name is deleted); null to read it from {@code file} by path, checked unchanged
     */
    static WeightValues describe(Dataset dataset, Path file, long offset, OpenFile open) {
        DatasetSize.check(dataset, file);
        if (dataset.getSizeInBytes() >= READ_LATER_FROM_BYTES && dataset.getDataLayout() == DataLayout.CONTIGUOUS && !dataset.isScalar() && !dataset.isEmpty()
                && dataset instanceof ContiguousDataset contiguous && dataset instanceof DatasetBase base
                && dataset.getDataType() instanceof FloatingPoint floating && floating.getSize() == 4
                && dataset.getSize() > 0 && dataset.getSize() <= Integer.MAX_VALUE / Float.BYTES) {
            // Mapping the dataset is free until it is read, and refuses one that lies beyond the file's end.
            ByteBuffer bytes = base.getDataBuffer();
            long size = dataset.getSize() * Float.BYTES;
            if (bytes != null && bytes.isDirect() && bytes.remaining() >= size) {
                long[] shape = dataset.getDimensionsAsLong();
                long start = dataset.getHdfFile().getUserBlockSize() + contiguous.getDataAddress();
                return open == null
                        ? WeightValues.inFile(shape, file, offset + start, floating.getByteOrder(), dataset.getPath())
                        : WeightValues.inOpenFile(shape, open, start, floating.getByteOrder());
            }
        }
        long[] shape = dataset.isScalar() ? new long[0] : dataset.getDimensionsAsLong();
        return WeightValues.ofFloats(shape, read(dataset, file));
    }

    /** @return the dataset's numbers as float32, in C order */
    private static float[] read(Dataset dataset, Path file) {
        float[] direct = float32Direct(dataset);
        if (direct != null) {
            return direct;
        }
        Object flat = dataset.isScalar() ? scalarAsFlat(dataset.getData()) : dataset.getDataFlat();
        return toFloats(flat, dataset, file);
    }

    /**
     * The common case, float32 values: jhdf's raw bytes (a view of the mapped file for contiguous
     * datasets) are copied in bulk, with none of jhdf's conversions in between.
     *
     * @return the values, or null when the dataset is not a non-empty float32 array jhdf hands out as bytes
     */
    private static float[] float32Direct(Dataset dataset) {
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
        float[] values = new float[(int) size];
        source.get(values);
        return values;
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
