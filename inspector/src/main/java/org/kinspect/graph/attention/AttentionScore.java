package org.kinspect.graph.attention;

/** How an {@link ScoredAttentionVertex} scores a query step against a key step. */
public enum AttentionScore {
    /** Keras's {@code Attention(score_mode="dot")}: {@code q . k}, times a learned scalar with {@code use_scale}. */
    DOT,
    /**
     * Keras's {@code Attention(score_mode="concat")}: {@code w * sum(tanh(s * (q + k)))}, with a learned
     * scalar {@code w} and, with {@code use_scale}, a learned scalar {@code s}.
     */
    CONCAT,
    /** Keras's {@code AdditiveAttention}: {@code sum(s * tanh(q + k))}, with a learned vector {@code s} with {@code use_scale}. */
    ADDITIVE
}
