package org.kinspect.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Writes small tf.keras SavedModel directories for tests, as TensorFlow lays them out (no
 * TensorFlow can run here): {@code keras_metadata.pb} (or the Keras metadata inside
 * {@code saved_model.pb}, as TensorFlow 2.0-2.4 wrote it), the checkpoint index (a LevelDB table,
 * small blocks so that there are several, restart points every few keys) and its data shards, with
 * the object graph that says which layer owns each variable. Written from the format's
 * description, independently of kinspect's reader: what the corpus does not have (several shards,
 * every number type, an empty variable, a big-endian checkpoint) is covered with it.
 *
 * <pre>{@code
 * Path model = SavedModelWriter.dense(4, 3).shards(2).write(folder.resolve("my_model"));
 * }</pre>
 */
public final class SavedModelWriter {
    /** TensorFlow's {@code types.proto} numbers. */
    public static final int FLOAT = 1, DOUBLE = 2, INT32 = 3, UINT8 = 4, INT16 = 5, INT8 = 6, STRING = 7, INT64 = 9,
            BOOL = 10, BFLOAT16 = 14, UINT16 = 17, HALF = 19, UINT32 = 22, UINT64 = 23;

    /** One object of the checkpoint's object graph. */
    private record GraphNode(List<Object[]> children, String variableKey) {}

    /** A tensor of the checkpoint. */
    private record Tensor(int dtype, long[] shape, byte[] bytes, int shard, int maskedCrc) {}

    private final String rootMetadataJson;
    private final List<GraphNode> nodes = new ArrayList<>();
    private final Map<Integer, String[]> kerasObjects = new LinkedHashMap<>(); // id -> identifier, json
    private final Map<String, double[]> variableValues = new LinkedHashMap<>();
    private final Map<String, long[]> variableShapes = new LinkedHashMap<>();
    private final Map<String, Integer> variableTypes = new LinkedHashMap<>();
    private int shards = 1;
    private boolean bigEndian;
    private boolean metadataInSavedModel;

    private SavedModelWriter(String rootMetadataJson) {
        this.rootMetadataJson = rootMetadataJson;
    }

    /**
     * A Sequential model {@code x (inputs) -> dense (units, linear)} whose kernel is keyed
     * {@code variables/0/...} (as TensorFlow 2.7 and later key some variables) and whose bias is
     * keyed through its layer, with the bookkeeping {@code variables} list TensorFlow writes too.
     * Kernel values are {@code (i * units + j) % 7 - 3}, bias values {@code j + 1}: small integers
     * every number type holds (bool aside).
     */
    public static SavedModelWriter dense(int inputs, int units) {
        String modelConfig = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"tiny\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": {\"class_name\": \"__tuple__\", "
                + "\"items\": [null, " + inputs + "]}, \"dtype\": \"float32\", \"sparse\": false, \"ragged\": false, "
                + "\"name\": \"x\"}}, {\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"trainable\": true, "
                + "\"dtype\": \"float32\", \"units\": " + units + ", \"activation\": \"linear\", \"use_bias\": true, "
                + "\"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}}, "
                + "\"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"kernel_regularizer\": null, "
                + "\"bias_regularizer\": null, \"activity_regularizer\": null, \"kernel_constraint\": null, "
                + "\"bias_constraint\": null}}]}}";
        String root = "{\"name\": \"tiny\", \"class_name\": \"Sequential\", \"keras_version\": \"2.11.0\", "
                + "\"backend\": \"tensorflow\", \"model_config\": " + modelConfig + "}";
        SavedModelWriter writer = new SavedModelWriter(root);
        double[] kernel = new double[inputs * units];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = i % 7 - 3;
        }
        double[] bias = new double[units];
        for (int j = 0; j < units; j++) {
            bias[j] = j + 1;
        }
        String kernelKey = "variables/0/.ATTRIBUTES/VARIABLE_VALUE";
        String biasKey = "layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE";
        writer.variable(kernelKey, FLOAT, new long[] {inputs, units}, kernel);
        writer.variable(biasKey, FLOAT, new long[] {units}, bias);
        // 0 root, 1 dense, 2 kernel, 3 bias, 4 the root's variables list, 5 the root's keras_api
        writer.node(List.<Object[]>of(new Object[] {1, "layer_with_weights-0"}, new Object[] {1, "layer-0"},
                new Object[] {4, "variables"}, new Object[] {5, "keras_api"}), null);
        writer.node(List.<Object[]>of(new Object[] {2, "kernel"}, new Object[] {3, "bias"}), null);
        writer.node(List.of(), kernelKey);
        writer.node(List.of(), biasKey);
        writer.node(List.<Object[]>of(new Object[] {2, "0"}, new Object[] {3, "1"}), null);
        writer.node(List.of(), null);
        writer.kerasObjects.put(0, new String[] {"_tf_keras_sequential", root});
        writer.kerasObjects.put(1, new String[] {"_tf_keras_layer", "{\"name\": \"dense\", \"class_name\": \"Dense\"}"});
        return writer;
    }

    /**
     * A Sequential {@code x (batch, 1 step, features) -> rnn (SimpleRNN, units, tanh, stateful)},
     * its cell's variables keyed {@code variables/N} (as TensorFlow 2.7 and later key a cell's), and
     * the state it was saved with in the layer's {@code keras_api/states} list, as tf.keras saves a
     * stateful RNN. Kernel {@code (i + j) % 3 - 1}, recurrent kernel {@code i == j ? 0.5 : -0.25},
     * bias {@code 0.1 * (j + 1)}, saved state {@code 0.2 * (row + 1) * (j - 1)}.
     */
    public static SavedModelWriter statefulSimpleRnn(int batch, int features, int units) {
        String modelConfig = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"stateful\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": {\"class_name\": \"__tuple__\", "
                + "\"items\": [" + batch + ", 1, " + features + "]}, \"dtype\": \"float32\", \"sparse\": false, "
                + "\"ragged\": false, \"name\": \"x\"}}, {\"class_name\": \"SimpleRNN\", \"config\": {\"name\": \"rnn\", "
                + "\"trainable\": true, \"dtype\": \"float32\", \"return_sequences\": false, \"return_state\": false, "
                + "\"go_backwards\": false, \"stateful\": true, \"unroll\": false, \"time_major\": false, \"units\": "
                + units + ", \"activation\": \"tanh\", \"use_bias\": true, \"kernel_initializer\": {\"class_name\": "
                + "\"GlorotUniform\", \"config\": {\"seed\": null}}, \"recurrent_initializer\": {\"class_name\": "
                + "\"Orthogonal\", \"config\": {\"gain\": 1.0, \"seed\": null}}, \"bias_initializer\": {\"class_name\": "
                + "\"Zeros\", \"config\": {}}, \"kernel_regularizer\": null, \"recurrent_regularizer\": null, "
                + "\"bias_regularizer\": null, \"activity_regularizer\": null, \"kernel_constraint\": null, "
                + "\"recurrent_constraint\": null, \"bias_constraint\": null, \"dropout\": 0.0, "
                + "\"recurrent_dropout\": 0.0}}]}}";
        String root = "{\"name\": \"stateful\", \"class_name\": \"Sequential\", \"keras_version\": \"2.12.0\", "
                + "\"backend\": \"tensorflow\", \"model_config\": " + modelConfig + "}";
        SavedModelWriter writer = new SavedModelWriter(root);
        double[] kernel = new double[features * units];
        for (int i = 0; i < features; i++) {
            for (int j = 0; j < units; j++) {
                kernel[i * units + j] = (i + j) % 3 - 1;
            }
        }
        double[] recurrent = new double[units * units];
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < units; j++) {
                recurrent[i * units + j] = i == j ? 0.5 : -0.25;
            }
        }
        double[] bias = new double[units];
        for (int j = 0; j < units; j++) {
            bias[j] = 0.1 * (j + 1);
        }
        double[] state = new double[batch * units];
        for (int row = 0; row < batch; row++) {
            for (int j = 0; j < units; j++) {
                state[row * units + j] = 0.2 * (row + 1) * (j - 1);
            }
        }
        String stateKey = "layer_with_weights-0/keras_api/states/0/.ATTRIBUTES/VARIABLE_VALUE";
        writer.variable("variables/0/.ATTRIBUTES/VARIABLE_VALUE", FLOAT, new long[] {features, units}, kernel);
        writer.variable("variables/1/.ATTRIBUTES/VARIABLE_VALUE", FLOAT, new long[] {units, units}, recurrent);
        writer.variable("variables/2/.ATTRIBUTES/VARIABLE_VALUE", FLOAT, new long[] {units}, bias);
        writer.variable(stateKey, FLOAT, new long[] {batch, units}, state);
        // 0 root, 1 rnn, 2 cell, 3-5 its variables, 6 rnn's keras_api, 7 the root's variables list,
        // 8 the states list, 9 the state
        writer.node(List.<Object[]>of(new Object[] {1, "layer_with_weights-0"}, new Object[] {1, "layer-0"},
                new Object[] {7, "variables"}), null);
        writer.node(List.<Object[]>of(new Object[] {2, "cell"}, new Object[] {6, "keras_api"}), null);
        writer.node(List.<Object[]>of(new Object[] {3, "kernel"}, new Object[] {4, "recurrent_kernel"}, new Object[] {5, "bias"}),
                null);
        writer.node(List.of(), "variables/0/.ATTRIBUTES/VARIABLE_VALUE");
        writer.node(List.of(), "variables/1/.ATTRIBUTES/VARIABLE_VALUE");
        writer.node(List.of(), "variables/2/.ATTRIBUTES/VARIABLE_VALUE");
        writer.node(List.<Object[]>of(new Object[] {8, "states"}), null);
        writer.node(List.<Object[]>of(new Object[] {3, "0"}, new Object[] {4, "1"}, new Object[] {5, "2"}), null);
        writer.node(List.<Object[]>of(new Object[] {9, "0"}), null);
        writer.node(List.of(), stateKey);
        writer.kerasObjects.put(0, new String[] {"_tf_keras_sequential", root});
        writer.kerasObjects.put(1, new String[] {"_tf_keras_rnn_layer", "{\"name\": \"rnn\", \"class_name\": \"SimpleRNN\"}"});
        writer.kerasObjects.put(2, new String[] {"_tf_keras_layer", "{\"name\": \"simple_rnn_cell\"}"});
        return writer;
    }

    /** @return the kernel's checkpoint key in {@link #dense} */
    public static String kernelKey() {
        return "variables/0/.ATTRIBUTES/VARIABLE_VALUE";
    }

    /** Stores the variables across this many data shards (variable i in shard i % shards). */
    public SavedModelWriter shards(int count) {
        this.shards = count;
        return this;
    }

    /** Writes the numbers big-endian and says so in the header. */
    public SavedModelWriter bigEndian() {
        this.bigEndian = true;
        return this;
    }

    /** Puts the Keras metadata in {@code saved_model.pb}'s object graph, as TensorFlow 2.0-2.4 did. */
    public SavedModelWriter metadataInSavedModel() {
        this.metadataInSavedModel = true;
        return this;
    }

    /** Stores an existing variable with another number type (its values are kept). */
    public SavedModelWriter type(String key, int dtype) {
        variableTypes.put(key, dtype);
        return this;
    }

    /** Adds a variable the object graph does not reach (optimizer state), or replaces one. */
    public SavedModelWriter variable(String key, int dtype, long[] shape, double[] values) {
        variableValues.put(key, values);
        variableShapes.put(key, shape);
        variableTypes.put(key, dtype);
        return this;
    }

    private void node(List<Object[]> children, String variableKey) {
        nodes.add(new GraphNode(children, variableKey));
    }

    /**
     * @param directory where to write the SavedModel (created)
     * @return the directory
     */
    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory.resolve("variables"));
        Files.write(directory.resolve("saved_model.pb"), savedModel());
        if (!metadataInSavedModel) {
            Files.write(directory.resolve("keras_metadata.pb"), kerasMetadata());
        }
        ByteArrayOutputStream[] data = new ByteArrayOutputStream[shards];
        for (int i = 0; i < shards; i++) {
            data[i] = new ByteArrayOutputStream();
        }
        TreeMap<String, byte[]> entries = new TreeMap<>(SavedModelWriter::compareBytes);
        int index = 0;
        for (String key : variableValues.keySet()) {
            Tensor tensor = numbers(variableTypes.get(key), variableShapes.get(key), variableValues.get(key),
                    index++ % shards);
            entries.put(key, entry(tensor, data[tensor.shard()].size()));
            data[tensor.shard()].writeBytes(tensor.bytes());
        }
        Tensor graph = strings(List.of(objectGraph()), index % shards);
        entries.put("_CHECKPOINTABLE_OBJECT_GRAPH", entry(graph, data[graph.shard()].size()));
        data[graph.shard()].writeBytes(graph.bytes());
        entries.put("", new Proto().number(1, shards).number(2, bigEndian ? 1 : 0)
                .message(3, new Proto().number(1, 1)).bytes());
        Files.write(directory.resolve("variables/variables.index"), sortedTable(entries, 3, 2));
        for (int i = 0; i < shards; i++) {
            Files.write(directory.resolve(String.format(Locale.ROOT, "variables/variables.data-%05d-of-%05d", i,
                    shards)), data[i].toByteArray());
        }
        return directory;
    }

    // ---- the checkpoint --------------------------------------------------------------------

    private static byte[] entry(Tensor tensor, long offset) {
        Proto shape = new Proto();
        for (long dimension : tensor.shape()) {
            shape.message(2, new Proto().number(1, dimension));
        }
        Proto entry = new Proto().number(1, tensor.dtype()).message(2, shape);
        if (tensor.shard() != 0) {
            entry.number(3, tensor.shard());
        }
        if (offset != 0) {
            entry.number(4, offset);
        }
        return entry.number(5, tensor.bytes().length).fixed32(6, tensor.maskedCrc()).bytes();
    }

    private Tensor numbers(int dtype, long[] shape, double[] values, int shard) {
        int width = switch (dtype) {
            case DOUBLE, INT64, UINT64 -> 8;
            case FLOAT, INT32, UINT32 -> 4;
            case INT16, UINT16, HALF, BFLOAT16 -> 2;
            default -> 1;
        };
        ByteBuffer buffer = ByteBuffer.allocate(values.length * width)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            switch (dtype) {
                case FLOAT -> buffer.putFloat((float) value);
                case DOUBLE -> buffer.putDouble(value);
                case INT32, UINT32 -> buffer.putInt((int) value);
                case INT64, UINT64 -> buffer.putLong((long) value);
                case INT16, UINT16 -> buffer.putShort((short) value);
                case INT8, UINT8, BOOL -> buffer.put((byte) value);
                case BFLOAT16 -> buffer.putShort((short) (Float.floatToIntBits((float) value) >>> 16));
                case HALF -> buffer.putShort(half((float) value));
                default -> throw new IllegalArgumentException("dtype " + dtype);
            }
        }
        byte[] bytes = buffer.array();
        return new Tensor(dtype, shape, bytes, shard, mask(crc(bytes)));
    }

    /** Varint lengths, their masked CRC-32C (of the lengths as uint32), the bytes; TensorFlow's layout. */
    private Tensor strings(List<byte[]> values, int shard) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CRC32C crc = new CRC32C();
        ByteBuffer uint32 = ByteBuffer.allocate(4).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (byte[] value : values) {
            Proto.varint(out, value.length);
            crc.update(uint32.clear().putInt(value.length).array());
        }
        byte[] lengthsCrc = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(mask((int) crc.getValue()))
                .array();
        out.writeBytes(lengthsCrc);
        crc.update(lengthsCrc);
        for (byte[] value : values) {
            out.writeBytes(value);
            crc.update(value);
        }
        return new Tensor(STRING, new long[0], out.toByteArray(), shard, mask((int) crc.getValue()));
    }

    private byte[] objectGraph() {
        Proto graph = new Proto();
        for (GraphNode node : nodes) {
            Proto object = new Proto();
            for (Object[] child : node.children()) {
                object.message(1, new Proto().number(1, (Integer) child[0]).string(2, (String) child[1]));
            }
            if (node.variableKey() != null) {
                object.message(2, new Proto().string(1, "VARIABLE_VALUE").string(2, "some/full_name")
                        .string(3, node.variableKey()));
            }
            graph.message(1, object);
        }
        return graph.bytes();
    }

    /**
     * A LevelDB table: data blocks of at most {@code perBlock} keys, prefix-compressed, a restart
     * point every {@code restartEvery} keys; an index block; an empty meta-index block; the footer.
     */
    static byte[] sortedTable(TreeMap<String, byte[]> entries, int perBlock, int restartEvery) {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        List<byte[][]> index = new ArrayList<>();
        List<Map.Entry<String, byte[]>> all = new ArrayList<>(entries.entrySet());
        for (int start = 0; start < all.size(); start += perBlock) {
            List<Map.Entry<String, byte[]>> chunk = all.subList(start, Math.min(all.size(), start + perBlock));
            long offset = table.size();
            byte[] block = block(chunk, restartEvery);
            writeBlock(table, block);
            byte[] lastKey = chunk.get(chunk.size() - 1).getKey().getBytes(StandardCharsets.UTF_8);
            index.add(new byte[][] {lastKey, handle(offset, block.length)});
        }
        long metaOffset = table.size();
        byte[] meta = block(List.of(), restartEvery);
        writeBlock(table, meta);
        List<Map.Entry<String, byte[]>> indexEntries = new ArrayList<>();
        for (byte[][] item : index) {
            indexEntries.add(Map.entry(new String(item[0], StandardCharsets.UTF_8), item[1]));
        }
        long indexOffset = table.size();
        byte[] indexBlock = block(indexEntries, 1);
        writeBlock(table, indexBlock);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.writeBytes(handle(metaOffset, meta.length));
        footer.writeBytes(handle(indexOffset, indexBlock.length));
        footer.writeBytes(new byte[40 - footer.size()]);
        footer.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0xdb4775248b80fb57L).array());
        table.writeBytes(footer.toByteArray());
        return table.toByteArray();
    }

    private static byte[] block(List<Map.Entry<String, byte[]>> entries, int restartEvery) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        List<Integer> restarts = new ArrayList<>();
        byte[] previous = new byte[0];
        for (int i = 0; i < entries.size(); i++) {
            byte[] key = entries.get(i).getKey().getBytes(StandardCharsets.UTF_8);
            int shared = 0;
            if (i % restartEvery == 0) {
                restarts.add(block.size());
            } else {
                while (shared < Math.min(key.length, previous.length) && key[shared] == previous[shared]) {
                    shared++;
                }
            }
            Proto.varint(block, shared);
            Proto.varint(block, key.length - shared);
            Proto.varint(block, entries.get(i).getValue().length);
            block.write(key, shared, key.length - shared);
            block.writeBytes(entries.get(i).getValue());
            previous = key;
        }
        if (restarts.isEmpty()) {
            restarts.add(0);
        }
        ByteBuffer tail = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
        restarts.forEach(tail::putInt);
        tail.putInt(restarts.size());
        block.writeBytes(tail.array());
        return block.toByteArray();
    }

    private static void writeBlock(ByteArrayOutputStream table, byte[] block) {
        table.writeBytes(block);
        CRC32C crc = new CRC32C();
        crc.update(block);
        crc.update(0); // no compression
        table.write(0);
        table.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(mask((int) crc.getValue()))
                .array());
    }

    private static byte[] handle(long offset, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Proto.varint(out, offset);
        Proto.varint(out, size);
        return out.toByteArray();
    }

    // ---- the metadata ------------------------------------------------------------------------

    private byte[] kerasMetadata() {
        Proto metadata = new Proto();
        kerasObjects.forEach((id, object) -> metadata.message(1, new Proto().number(2, id)
                .string(3, id == 0 ? "root" : "root.layer_with_weights-0").string(4, object[0]).string(5, object[1])));
        return metadata.bytes();
    }

    /** A SavedModel with one meta graph whose object graph has the Keras user objects when asked. */
    private byte[] savedModel() {
        Proto objectGraph = new Proto();
        for (int id = 0; id < nodes.size(); id++) {
            Proto object = new Proto();
            for (Object[] child : nodes.get(id).children()) {
                object.message(1, new Proto().number(1, (Integer) child[0]).string(2, (String) child[1]));
            }
            String[] keras = kerasObjects.get(id);
            if (keras != null) {
                object.message(4, new Proto().string(1, keras[0]).message(2, new Proto().number(1, 1))
                        .string(3, metadataInSavedModel ? keras[1] : ""));
            }
            objectGraph.message(1, object);
        }
        Proto metaInfo = new Proto().string(5, metadataInSavedModel ? "2.3.0" : "2.11.0");
        return new Proto().number(1, 1).message(2, new Proto().message(1, metaInfo).message(7, objectGraph)).bytes();
    }

    // ---- bytes ---------------------------------------------------------------------------------

    static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static short half(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        if (value == 0) {
            return (short) sign;
        }
        return (short) (sign | exponent << 10 | (bits >>> 13) & 0x3ff);
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A protocol buffer message being written. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto number(int field, long value) {
            varint(out, (long) field << 3);
            varint(out, value);
            return this;
        }

        Proto fixed32(int field, int value) {
            varint(out, (long) field << 3 | 5);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
            return this;
        }

        Proto string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return raw(field, message.bytes());
        }

        Proto raw(int field, byte[] value) {
            varint(out, (long) field << 3 | 2);
            varint(out, value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        static void varint(ByteArrayOutputStream out, long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
