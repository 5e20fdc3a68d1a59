package org.kinspect.report;

import java.util.Map;

/** What each gate trace is, in words, for legends and captions. */
final class GateNames {
    private static final Map<String, String> MEANINGS = Map.of("i", "input gate", "f", "forget gate",
            "g", "candidate", "o", "output gate", "c", "cell state", "h", "hidden state (output)",
            "z", "update gate", "r", "reset gate", "pre_activation", "pre-activation");

    private GateNames() {}

    /**
     * @param bareName a trace name without its direction: {@code f}
     * @return e.g. {@code f: forget gate}
     */
    static String describe(String bareName) {
        String meaning = MEANINGS.get(bareName);
        return meaning == null ? bareName : bareName + ": " + meaning;
    }
}
