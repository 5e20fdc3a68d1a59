package org.kinspect.catalog;

/** How far kinspect supports a Keras class: the status column of the README's layer coverage table. */
public enum Support {
    /** Imported and checked against Keras's own numbers, layer by layer. */
    YES("yes"),
    /** Imported for the settings checked; the others are refused by name. */
    PARTLY("partly"),
    /** Known, but DL4J would compute it wrongly: refused in one line naming the layer. */
    REFUSED("refused"),
    /** Not imported yet: the error names the layer and its class. */
    NO("no");

    private final String word;

    Support(String word) {
        this.word = word;
    }

    /** @return the word the README's coverage table starts a status with */
    public String word() {
        return word;
    }

    /** @return true when models using the class import, at least with some settings */
    public boolean imports() {
        return this == YES || this == PARTLY;
    }
}
