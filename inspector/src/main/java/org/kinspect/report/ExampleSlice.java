package org.kinspect.report;

import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One example of a batch of activations, as plain numbers the charts can draw.
 *
 * @param shape its shape without the batch axis, in Keras's layout
 * @param values its values in C order
 */
record ExampleSlice(long[] shape, double[] values) {

    /**
     * @param activation a layer's output, batch first
     * @param example which example
     * @param layer the layer, for the message
     * @return that example's values
     * @throws KinspectException when the batch has no such example
     */
    static ExampleSlice of(INDArray activation, int example, String layer) {
        long batch = activation.size(0);
        if (example >= batch) {
            throw KinspectException.input("example " + example + " is not in the batch of " + layer + ": it has "
                    + batch + (batch == 1 ? " example (0)" : " examples (0 to " + (batch - 1) + ")"));
        }
        INDArray one = activation.slice(example).castTo(DataType.DOUBLE).dup('c');
        long[] shape = activation.rank() == 1 ? new long[0] : one.shape();
        return new ExampleSlice(shape, activation.rank() == 1 ? new double[] {one.getDouble(0)} : one.data().asDouble());
    }

    /** @return a rank-1 slice as a vector (a Dense layer's units) */
    double[] vector() {
        return values.clone();
    }

    /**
     * A sequence as rows over steps: (time, units) or, channels first, (channels, steps).
     *
     * @param channelsFirst whether the slice is (rows, steps) rather than (steps, rows)
     * @return {@code matrix[row][step]}
     */
    double[][] rowsOverSteps(boolean channelsFirst) {
        int first = (int) shape[0];
        int second = (int) shape[1];
        int rows = channelsFirst ? first : second;
        int steps = channelsFirst ? second : first;
        double[][] matrix = new double[rows][steps];
        for (int i = 0; i < first; i++) {
            for (int j = 0; j < second; j++) {
                double value = values[i * second + j];
                if (channelsFirst) matrix[i][j] = value;
                else matrix[j][i] = value;
            }
        }
        return matrix;
    }

    /**
     * An image stack as one height x width map per channel.
     *
     * @param channelsFirst whether the slice is (channels, height, width) rather than (height, width, channels)
     * @return {@code maps[channel][row][column]}
     */
    double[][][] channelMaps(boolean channelsFirst) {
        int channels = (int) (channelsFirst ? shape[0] : shape[2]);
        int height = (int) (channelsFirst ? shape[1] : shape[0]);
        int width = (int) (channelsFirst ? shape[2] : shape[1]);
        double[][][] maps = new double[channels][height][width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int index = channelsFirst ? (c * height + y) * width + x : (y * width + x) * channels + c;
                    maps[c][y][x] = values[index];
                }
            }
        }
        return maps;
    }
}
