package org.kinspect.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    @Test
    void keepsWhatADoubleSumLoses() {
        ExactSum sum = new ExactSum();
        sum.add(1e20);
        sum.add(1);
        sum.add(-1e20);
        assertEquals(1.0, sum.value());
        assertEquals(0, new BigDecimal(1).compareTo(sum.exact()));
    }

    @Test
    void equalsBigDecimalSumOfValuesOfEveryScaleAndSign() {
        Random random = new Random(5);
        ExactSum sum = new ExactSum();
        BigDecimal expected = BigDecimal.ZERO;
        for (int index = 0; index < 20_000; index++) {
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(80) - 40);
            if (index % 1000 == 0) {
                value = index % 2000 == 0 ? Double.MIN_VALUE : -Double.MAX_VALUE / 4;
            }
            sum.add(value);
            expected = expected.add(new BigDecimal(value));
        }
        assertEquals(0, expected.compareTo(sum.exact()));
        assertEquals(expected.doubleValue(), sum.value());
    }

    @Test
    void orderAndSplitDoNotChangeTheSum() {
        Random random = new Random(11);
        List<Double> values = new ArrayList<>();
        for (int index = 0; index < 5000; index++) {
            values.add(random.nextGaussian() * Math.exp(random.nextGaussian() * 10));
        }
        ExactSum forward = new ExactSum();
        values.forEach(forward::add);
        Collections.shuffle(values, random);
        ExactSum left = new ExactSum();
        ExactSum right = new ExactSum();
        for (int index = 0; index < values.size(); index++) {
            (index < 1234 ? left : right).add(values.get(index));
        }
        right.add(left);
        assertEquals(0, forward.exact().compareTo(right.exact()));
        assertEquals(forward.value(), right.value());
    }

    @Test
    void stateSizeDoesNotGrowWithTheCount() throws IOException {
        ExactSum few = new ExactSum();
        ExactSum many = new ExactSum();
        Random random = new Random(3);
        for (int index = 0; index < 100_000; index++) {
            double value = random.nextGaussian() * 1e6;
            many.add(value);
            if (index < 10) {
                few.add(value);
            }
        }
        assertEquals(serializedSize(few), serializedSize(many));
    }

    static int serializedSize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.size();
    }
}
