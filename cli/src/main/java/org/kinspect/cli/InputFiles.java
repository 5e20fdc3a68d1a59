package org.kinspect.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.array.NpyFile;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays given with {@code --input}, read from their {@code .npy} files and then matched to
 * the model's inputs by name. They are checked before the model is imported ({@link #check}), so a
 * mistyped file name fails at once instead of after seconds of importing.
 *
 * <pre>{@code
 * InputFiles inputs = InputFiles.read(List.of(InputArgument.parse("x.npy")));
 * List<InputFiles.ModelInput> given = inputs.forModel(model.inputNames());
 * model.activations(InputFiles.arraysByName(given));
 * }</pre>
 */
final class InputFiles {
    /**
     * One model input and what was given for it.
     *
     * @param name the input layer's name
     * @param file the {@code .npy} file it was read from
     * @param values its values
     */
    record ModelInput(String name, Path file, INDArray values) {}

    private final List<InputArgument> arguments;
    private final List<INDArray> arrays;

    private InputFiles(List<InputArgument> arguments, List<INDArray> arrays) {
        this.arguments = arguments;
        this.arrays = arrays;
    }

    /**
     * Checks every {@code --input} file as {@link #read} will read it (there, a sound header, a
     * numeric dtype, all its data), without reading the values and without ND4J: a command calls it
     * before the import, so that a mistyped file name fails at once, and reads the files after.
     *
     * @param arguments the {@code --input} arguments
     * @throws KinspectException when a file is missing or not a numeric {@code .npy} file
     */
    static void check(List<InputArgument> arguments) {
        for (InputArgument argument : arguments) {
            NpyFile.check(argument.file());
        }
    }

    /**
     * @param arguments the {@code --input} arguments
     * @return their arrays, read
     * @throws KinspectException when a file is missing or not a numeric {@code .npy} file
     */
    static InputFiles read(List<InputArgument> arguments) {
        List<INDArray> arrays = new ArrayList<>();
        for (InputArgument argument : arguments) {
            arrays.add(NpyFile.read(argument.file()));
        }
        return new InputFiles(List.copyOf(arguments), arrays);
    }

    /**
     * @param inputNames the model's input layer names, in order
     * @return one array per model input, in the model's order
     * @throws KinspectException when an input is missing, unknown, given twice, or the batch
     *     sizes differ
     */
    List<ModelInput> forModel(List<String> inputNames) {
        Map<String, InputArgument> byName = byModelInput(arguments, inputNames);
        List<ModelInput> given = new ArrayList<>();
        for (Map.Entry<String, InputArgument> input : byName.entrySet()) {
            int index = arguments.indexOf(input.getValue());
            given.add(new ModelInput(input.getKey(), input.getValue().file(), arrays.get(index)));
        }
        requireOneBatchSize(given);
        return given;
    }

    /**
     * Matches {@code --input} arguments to the model's inputs, without reading any file.
     *
     * @param arguments the {@code --input} arguments
     * @param inputNames the model's input layer names, in order
     * @return the argument for each model input, in the model's order
     * @throws KinspectException when an input is missing, unknown or given twice
     */
    static Map<String, InputArgument> byModelInput(List<InputArgument> arguments, List<String> inputNames) {
        return byModelInput(arguments, inputNames, inputNames);
    }

    /**
     * Matches {@code --input} arguments to the model's inputs, without reading any file.
     *
     * @param arguments the {@code --input} arguments
     * @param inputNames the model's input layer names, in order
     * @param required the inputs that must be given (those the layers asked for read); others may be left out
     * @return the argument for each model input given, in the model's order
     * @throws KinspectException when a required input is missing, or one is unknown or given twice
     */
    static Map<String, InputArgument> byModelInput(List<InputArgument> arguments, List<String> inputNames,
            Collection<String> required) {
        Map<String, Integer> argumentIndex = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            InputArgument argument = arguments.get(i);
            String name = argument.name() != null ? argument.name() : onlyInput(inputNames, argument);
            if (!inputNames.contains(name)) {
                throw KinspectException.input("--input " + argument + ": the model has no input named '" + name
                        + "'; its inputs are: " + String.join(", ", inputNames));
            }
            Integer earlier = argumentIndex.putIfAbsent(name, i);
            if (earlier != null) {
                throw KinspectException.input("model input '" + name + "' is given twice (--input "
                        + arguments.get(earlier) + " and --input " + argument + ")");
            }
        }
        Map<String, InputArgument> byName = new LinkedHashMap<>();
        for (String name : inputNames) {
            if (!argumentIndex.containsKey(name) && !required.contains(name)) {
                continue;
            }
            if (!argumentIndex.containsKey(name)) {
                throw KinspectException.input("no --input for model input '" + name + "'; give it as --input "
                        + name + "=FILE.npy (the model's inputs are: " + String.join(", ", inputNames) + ")");
            }
            byName.put(name, arguments.get(argumentIndex.get(name)));
        }
        return byName;
    }

    /**
     * @param inputs the model's inputs
     * @return their values by input name, in order: what {@code InspectedModel.activations} takes
     */
    static Map<String, INDArray> arraysByName(List<ModelInput> inputs) {
        Map<String, INDArray> byName = new LinkedHashMap<>();
        inputs.forEach(input -> byName.put(input.name(), input.values()));
        return byName;
    }

    /** @return the name of the model's only input, for an argument that gives no name */
    private static String onlyInput(List<String> inputNames, InputArgument argument) {
        if (inputNames.size() != 1) {
            throw KinspectException.input("the model has " + inputNames.size() + " inputs ("
                    + String.join(", ", inputNames) + "); give each as --input NAME=FILE.npy, not --input "
                    + argument);
        }
        return inputNames.get(0);
    }

    /** DL4J fails deep inside a layer when inputs disagree on the batch; say it plainly first. */
    private static void requireOneBatchSize(List<ModelInput> inputs) {
        ModelInput first = null;
        for (ModelInput input : inputs) {
            if (input.values().rank() == 0) {
                continue; // no batch axis at all; the library's shape check says what is wanted
            }
            if (first == null) {
                first = input;
            } else if (input.values().size(0) != first.values().size(0)) {
                throw KinspectException.input("the inputs disagree on the batch size: '" + first.name() + "' has "
                        + first.values().size(0) + " rows, '" + input.name() + "' has "
                        + input.values().size(0) + "; give every input the same first dimension");
            }
        }
    }
}
