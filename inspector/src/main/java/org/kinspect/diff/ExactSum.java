package org.kinspect.diff;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A sum of doubles kept exactly, in a fixed number of bits: every double is a whole multiple of
 * 2^-1074 below 2^1024, so the sum is held as one fixed-point integer of 2^-1074 units, in 32-bit
 * pieces each kept in a {@code long} so that carries wait until a piece could overflow. Adding
 * is exact, so the order in which values and partial sums are added never changes the result:
 * that is what lets {@link ModelComparison#merge} and {@link ActivationShift#merge} give exactly
 * the result of one pass, however the examples were split. The state is 68 longs whatever the
 * count of values (up to 2^62 additions).
 *
 * <pre>{@code
 * ExactSum sum = new ExactSum();
 * sum.add(1e20); sum.add(1); sum.add(-1e20);
 * sum.value();   // 1.0, where a double sum gives 0.0
 * }</pre>
 */
public final class ExactSum implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final int PIECE_BITS = 32;
    private static final long PIECE_MASK = 0xFFFF_FFFFL;
    /** 2098 bits for a double's range, plus room for the carries of 2^62 additions and the sign. */
    private static final int PIECES = 68;
    /** Additions before the pieces are carried: each adds less than 2^32 to a piece, which holds 2^62. */
    private static final int ADDS_BEFORE_CARRY = 1 << 29;

    private final long[] pieces = new long[PIECES];
    private int addsSinceCarry;

    /**
     * @param value a finite double
     * @throws IllegalArgumentException for a NaN or an infinity
     */
    public void add(double value) {
        if (value == 0) {
            return;
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot sum " + value + " exactly");
        }
        long bits = Double.doubleToRawLongBits(value);
        int exponent = (int) ((bits >>> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        int shift;
        if (exponent == 0) {
            shift = 0;
        } else {
            mantissa |= 1L << 52;
            shift = exponent - 1;
        }
        if (value < 0) {
            mantissa = -mantissa;
        }
        int piece = shift / PIECE_BITS;
        int offset = shift % PIECE_BITS;
        // value = mantissa * 2^offset pieces up: its low 32 bits (unsigned) and the rest (signed),
        // each shifted and split again, so that every piece gets less than 2^33 per addition
        long lowPart = (mantissa & PIECE_MASK) << offset;
        long highPart = (mantissa >> PIECE_BITS) << offset;
        pieces[piece] += lowPart & PIECE_MASK;
        pieces[piece + 1] += (lowPart >>> PIECE_BITS) + (highPart & PIECE_MASK);
        pieces[piece + 2] += highPart >> PIECE_BITS;
        if (++addsSinceCarry >= ADDS_BEFORE_CARRY) {
            carry();
        }
    }

    /** @param other a sum to add to this one; it is unchanged */
    public void add(ExactSum other) {
        carry();
        other.carryCopy(pieces);
        carry();
    }

    private void carryCopy(long[] into) {
        long[] mine = pieces.clone();
        carry(mine);
        for (int index = 0; index < PIECES; index++) {
            into[index] += mine[index];
        }
    }

    private void carry() {
        carry(pieces);
        addsSinceCarry = 0;
    }

    private static void carry(long[] pieces) {
        for (int index = 0; index < PIECES - 1; index++) {
            long carried = pieces[index] >> PIECE_BITS;
            pieces[index] &= PIECE_MASK;
            pieces[index + 1] += carried;
        }
    }

    /** @return the sum exactly */
    public BigDecimal exact() {
        return new BigDecimal(integer()).multiply(new BigDecimal(Double.MIN_VALUE));
    }

    /** @return the sum rounded to the nearest double */
    public double value() {
        BigInteger integer = integer();
        if (integer.signum() == 0) {
            return 0;
        }
        return exact().doubleValue();
    }

    private BigInteger integer() {
        long[] copy = pieces.clone();
        carry(copy);
        BigInteger total = BigInteger.valueOf(copy[PIECES - 1]);
        for (int index = PIECES - 2; index >= 0; index--) {
            total = total.shiftLeft(PIECE_BITS).add(BigInteger.valueOf(copy[index]));
        }
        return total;
    }
}
