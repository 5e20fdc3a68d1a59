package org.kinspect.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edit distances counted by hand: each edit named in the comment. */
class NearestNamesTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, NearestNames.editDistance("kitten", "sitting")); // k->s, e->i, +g
        assertEquals(2, NearestNames.editDistance("summray", "summary")); // r->a, a->r
        assertEquals(1, NearestNames.editDistance("dense1", "dense_1")); // +_
        assertEquals(5, NearestNames.editDistance("", "lstm1"));         // five insertions
        assertEquals(0, NearestNames.editDistance("lstm_1", "lstm_1"));
    }

    @Test
    void nearestComeFirstAndTiesKeepTheirOrder() {
        List<String> names = List.of("lstm_1", "dense_2", "dense_1", "conv");
        // dense_2 and dense_1 are one edit from dense_ (in their order), conv five, lstm_1 six
        assertEquals(List.of("dense_2", "dense_1"), NearestNames.nearest(names, "dense_", 2));
        assertEquals(List.of("dense_1", "dense_2", "lstm_1"), NearestNames.nearest(names, "dense_1", 3));
    }
}
