package org.kinspect.catalog;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything kinspect knows about one Keras class, in one row of {@link KerasClasses}.
 *
 * <pre>{@code
 * KerasClass lstm = KerasClasses.find("LSTM").orElseThrow();
 * lstm.recurrence().statesPerDirection(); // 2: h and c
 * lstm.weights();                         // RECURRENT_IN_CELL: kernel, recurrent_kernel, bias in lstm/cell/vars
 * }</pre>
 *
 * @param name the Keras class name as Keras 3 writes it ({@code Conv2D}, not the alias {@code Convolution2D})
 * @param family its family, a section of the README's coverage table
 * @param support how far kinspect supports it
 * @param handling which code turns it into DL4J
 * @param recurrence what recurrence it runs, {@link Recurrence#NONE} for most classes
 * @param weights which weights it keeps, in Keras 3's saving order
 * @param traits further facts that code elsewhere asks about
 * @param aliases other names Keras accepts for it ({@code MaxPool2D} for {@code MaxPooling2D})
 */
public record KerasClass(String name, Family family, Support support, Handling handling, Recurrence recurrence,
        WeightLayout weights, Set<Trait> traits, List<String> aliases) {

    /** Facts about a class that some code needs and most classes do not have. */
    public enum Trait {
        /** Its output is its input seen another way (Flatten, Reshape): it costs no memory of its own. */
        VIEW,
        /** It holds Python code or TensorFlow graph nodes, which kinspect never runs. */
        HOLDS_CODE,
        /** A model class: used as a layer, it is inlined into the model that calls it. */
        MODEL,
        /**
         * On a sequence, its output has the steps of its first input (a Concatenate as tf.keras
         * attention models use it, joining features): how a tf.keras attention call's number of
         * steps is found.
         */
        KEEPS_STEPS,
        /** On a volume (batch, depth, height, width, channels), its output is a volume too. */
        KEEPS_VOLUMES,
        /**
         * It reads an image or a sequence, not a vector: a TimeDistributed around it reads a
         * sequence of images or of sequences.
         */
        READS_GRIDS,
        /**
         * It hands its input's mask on to the layers after it, whether or not it changes the values
         * (Keras's {@code supports_masking} with the default {@code compute_mask}).
         */
        PASSES_MASK,
        /**
         * Its output has its input's shape, or its inputs' with the last axis joined (activations,
         * noise, normalisations, merges): a TimeDistributed around it keeps a sequence of images or
         * of sequences what it is.
         */
        KEEPS_SHAPE,
        /** Its output for one example is a vector (Flatten, global pooling): after a TimeDistributed, a sequence of vectors. */
        MAKES_VECTORS,
        /**
         * It reads sequences with a {@code data_format}: channels_first puts the features before the
         * steps, which DL4J's mapper of it does not read.
         */
        SEQUENCE_DATA_FORMAT,
        /**
         * Its mapper reads its activation itself (kinspect's GRU, Bidirectional): the rewrite of
         * activations DL4J lacks leaves it alone.
         */
        READS_OWN_ACTIVATION
    }

    public KerasClass {
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
        aliases = List.copyOf(aliases);
    }

    /** A class with no recurrence, no weights, no traits and no aliases: the table adds what it has. */
    static KerasClass of(String name, Family family, Support support, Handling handling) {
        return new KerasClass(name, family, support, handling, Recurrence.NONE, WeightLayout.NONE, Set.of(), List.of());
    }

    KerasClass withRecurrence(Recurrence kind) {
        return new KerasClass(name, family, support, handling, kind, weights, traits, aliases);
    }

    KerasClass withWeights(WeightLayout layout) {
        return new KerasClass(name, family, support, handling, recurrence, layout, traits, aliases);
    }

    KerasClass withTraits(Trait... more) {
        Set<Trait> all = traits.isEmpty() ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(traits);
        all.addAll(List.of(more));
        return new KerasClass(name, family, support, handling, recurrence, weights, all, aliases);
    }

    KerasClass withAliases(String... names) {
        return new KerasClass(name, family, support, handling, recurrence, weights, traits, List.of(names));
    }

    /** @return true when the class has that trait */
    public boolean has(Trait trait) {
        return traits.contains(trait);
    }
}
