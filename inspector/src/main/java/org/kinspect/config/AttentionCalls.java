package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.Keras3CallArguments.KerasTensor;
import org.kinspect.errors.KinspectException;

/**
 * Reads a Keras 3 call of an attention layer into an {@link AttentionCall} and the distinct tensors
 * it takes, refusing the call arguments kinspect does not compute (explicit masks) with a line
 * naming the layer.
 *
 * <p>{@code Attention} and {@code AdditiveAttention} take one list, {@code [query, value]} or
 * {@code [query, value, key]}; {@code MultiHeadAttention} takes {@code query, value, key} by
 * position or keyword, and {@code attention_mask} by keyword.
 */
final class AttentionCalls {
    private static final List<String> MULTI_HEAD_POSITIONS = List.of("query", "value", "key");

    /**
     * @param call the call as read
     * @param tensors the tensors it takes, each once, in the order the call's indices refer to
     */
    record Read(AttentionCall call, List<KerasTensor> tensors) {}

    private AttentionCalls() {}

    static Read read(String name, String className, Keras3CallArguments call, String source) {
        Map<String, Object> options = new LinkedHashMap<>(call.plainKeywords());
        options.remove("training"); // inference: dropout is off either way
        Object returnScores = options.remove("return_attention_scores");
        Object causal = options.remove("use_causal_mask");
        options.values().removeIf(AttentionCalls::isUnset);
        if (!options.isEmpty() || !call.constants().isEmpty()) {
            throw refused(source, name, className, "it is called with " + (options.isEmpty() ? call.constants()
                    : options.keySet()) + ", which kinspect does not read");
        }
        Map<String, KerasTensor> roles = AttentionCall.MULTI_HEAD_CLASSES.contains(className)
                ? multiHeadRoles(name, className, call, source) : listRoles(name, className, call, source);
        if (!roles.containsKey("query") || !roles.containsKey("value")) {
            throw refused(source, name, className, "its call names no query or no value");
        }
        roles.putIfAbsent("key", roles.get("value"));
        List<KerasTensor> distinct = new ArrayList<>();
        for (KerasTensor tensor : roles.values()) {
            if (!distinct.contains(tensor)) {
                distinct.add(tensor);
            }
        }
        for (Map.Entry<String, KerasTensor> role : roles.entrySet()) {
            List<Object> shape = role.getValue().shape();
            if (shape != null && shape.size() != 3) {
                // DL4J folds the steps of a sequence into the batch after a Dense layer; a rank-3
                // input is what lets the vertex tell such a sequence from a plain vector
                throw refused(source, name, className, "its " + role.getKey() + " has shape " + shape
                        + "; kinspect supports attention over sequences (batch, steps, features) only");
            }
        }
        List<Integer> scoreSteps = Boolean.TRUE.equals(returnScores)
                ? scoreSteps(name, className, roles, source) : List.of();
        KerasTensor mask = roles.get("attention_mask");
        return new Read(new AttentionCall(distinct.indexOf(roles.get("query")), distinct.indexOf(roles.get("value")),
                distinct.indexOf(roles.get("key")), mask == null ? -1 : distinct.indexOf(mask),
                Boolean.TRUE.equals(causal), Boolean.TRUE.equals(returnScores), scoreSteps), distinct);
    }

    /** The scores are (Tq, Tv) per example (and head): kinspect sizes them when the model is built. */
    private static List<Integer> scoreSteps(String name, String className, Map<String, KerasTensor> roles,
            String source) {
        List<Integer> steps = new ArrayList<>();
        for (String role : List.of("query", "value")) {
            List<Object> shape = roles.get(role).shape();
            if (shape == null || !(shape.get(1) instanceof Number length)) {
                throw refused(source, name, className, "it returns its attention scores"
                        + " (return_attention_scores=True) over a " + role + " of unknown length; kinspect returns"
                        + " the scores of sequences whose lengths the model fixes (Input((steps, features)))");
            }
            steps.add(length.intValue());
        }
        return steps;
    }

    /** {@code Attention([query, value, key])}, also as {@code inputs=[...]}. */
    private static Map<String, KerasTensor> listRoles(String name, String className, Keras3CallArguments call,
            String source) {
        Map<String, List<KerasTensor>> keywords = new LinkedHashMap<>(call.tensorKeywords());
        List<KerasTensor> inputs = new ArrayList<>(call.tensors());
        List<KerasTensor> given = keywords.remove("inputs");
        if (given != null) {
            inputs.addAll(given);
        }
        if (!keywords.isEmpty()) {
            throw refused(source, name, className, "it is given the tensor argument(s) " + keywords.keySet()
                    + "; explicit masks are not supported yet");
        }
        if (inputs.size() < 2 || inputs.size() > 3) {
            throw refused(source, name, className, "it is called on " + inputs.size()
                    + " tensors; it takes [query, value] or [query, value, key]");
        }
        Map<String, KerasTensor> roles = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            roles.put(MULTI_HEAD_POSITIONS.get(i), inputs.get(i));
        }
        return roles;
    }

    /** {@code MultiHeadAttention(query, value, key=None, ..., attention_mask=None)}. */
    private static Map<String, KerasTensor> multiHeadRoles(String name, String className, Keras3CallArguments call,
            String source) {
        Map<String, KerasTensor> roles = new LinkedHashMap<>();
        List<List<KerasTensor>> positional = call.positional();
        if (positional.size() > MULTI_HEAD_POSITIONS.size()) {
            throw refused(source, name, className, "it is given " + positional.size()
                    + " positional arguments; kinspect reads query, value and key");
        }
        for (int i = 0; i < positional.size(); i++) {
            if (positional.get(i).size() == 1) {
                roles.put(MULTI_HEAD_POSITIONS.get(i), positional.get(i).get(0));
            } else if (!positional.get(i).isEmpty()) {
                throw refused(source, name, className, "its " + MULTI_HEAD_POSITIONS.get(i) + " is not one tensor");
            }
        }
        for (Map.Entry<String, List<KerasTensor>> keyword : call.tensorKeywords().entrySet()) {
            String argument = keyword.getKey();
            if (!MULTI_HEAD_POSITIONS.contains(argument) && !argument.equals("attention_mask")) {
                throw refused(source, name, className, "it is given the tensor argument '" + argument
                        + "'; Keras masks on the query, value or key are not supported yet");
            }
            if (keyword.getValue().size() != 1 || roles.containsKey(argument)) {
                throw refused(source, name, className, "its " + argument + " is not one tensor");
            }
            roles.put(argument, keyword.getValue().get(0));
        }
        Map<String, KerasTensor> ordered = new LinkedHashMap<>();
        for (String role : List.of("query", "value", "key", "attention_mask")) {
            if (roles.containsKey(role)) {
                ordered.put(role, roles.get(role));
            }
        }
        return ordered;
    }

    /** None, False, or a list of Nones ({@code mask=[None, None]}). */
    private static boolean isUnset(Object value) {
        return value == null || Boolean.FALSE.equals(value)
                || value instanceof List<?> list && list.stream().allMatch(item -> item == null);
    }

    private static KinspectException refused(String source, String name, String className, String why) {
        return KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className + "): "
                + why);
    }
}
