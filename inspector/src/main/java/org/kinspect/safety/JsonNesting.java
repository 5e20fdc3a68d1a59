package org.kinspect.safety;

import org.kinspect.errors.KinspectException;

/**
 * Refuses JSON nested deeper than any Keras configuration before a parser sees it. Jackson, and
 * every step after it that walks the configuration (kinspect's own rewrites, DL4J's mappers),
 * recurse once per level, so a hostile file of a few kilobytes ({@code [[[[...}) would otherwise
 * end in a {@link StackOverflowError} somewhere, not in a message.
 *
 * <pre>{@code
 * JsonNesting.check(modelConfigJson, "model.h5"); // throws KinspectException past MAX_DEPTH levels
 * }</pre>
 */
public final class JsonNesting {
    /**
     * The deepest nesting accepted. Keras configurations reach about 10 levels per model and a
     * few per nested model; no real one comes near this.
     */
    public static final int MAX_DEPTH = 256;

    private JsonNesting() {}

    /**
     * @param json text that should be JSON; its syntax is left to the parser
     * @param source where it came from, for the message
     * @throws KinspectException when objects and arrays are nested more than {@link #MAX_DEPTH} deep
     */
    public static void check(String json, String source) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character cannot end the string
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw KinspectException.modelFile(source + ": the model configuration is nested more than "
                            + MAX_DEPTH + " levels deep; no Keras model is, so the file is damaged or hostile");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}
