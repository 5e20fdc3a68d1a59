package org.kinspect.catalog;

/** What kind of recurrence a Keras class runs, which decides its states, gates and charts. */
public enum Recurrence {
    /** Not recurrent. */
    NONE(0),
    /** An LSTM: states h and c, gates i, f, c, o. */
    LSTM(2),
    /** A GRU: state h, gates z, r, h. */
    GRU(1),
    /** A SimpleRNN: state h. */
    SIMPLE_RNN(1),
    /** A wrapper of a recurrent layer or cell (Bidirectional, RNN): its states are those of what it wraps. */
    WRAPPER(0),
    /** A convolutional LSTM: its states are images, not vectors. */
    CONVOLUTIONAL(0);

    private final int statesPerDirection;

    Recurrence(int statesPerDirection) {
        this.statesPerDirection = statesPerDirection;
    }

    /** @return how many vector states one direction has (h, c for an LSTM), 0 when it is not a vector recurrence */
    public int statesPerDirection() {
        return statesPerDirection;
    }

    /** @return true for an LSTM, GRU or SimpleRNN layer itself (not a wrapper, not a convolutional one) */
    public boolean isVectorLayer() {
        return statesPerDirection > 0;
    }

    /** @return true for a layer that runs over time steps and keeps vector states: a report draws its final states */
    public boolean hasVectorStates() {
        return this == LSTM || this == GRU || this == SIMPLE_RNN || this == WRAPPER;
    }
}
