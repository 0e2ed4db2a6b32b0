package io.vaultrisk.basics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class YearFractionTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T08:00:00Z");

    /** The exact quotient elapsed / (365 × 86,400 s), rounded once. */
    private static double exact(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return seconds.divide(BigDecimal.valueOf(365L * 86_400L), MathContext.DECIMAL128)
                .doubleValue();
    }

    @Test
    void between_wholeDaysHoursAndMilliseconds_isTheCorrectlyRoundedAct365Quotient() {
        for (Duration d : new Duration[] {
            Duration.ofDays(365),
            Duration.ofDays(1),
            Duration.ofHours(50),
            Duration.ofMillis(1_234_567_891L),
            Duration.ofDays(3650).plusMillis(7),
            Duration.ofSeconds(-86_400)
        }) {
            Instant to = AS_OF.plus(d);
            assertThat(YearFraction.between(AS_OF, to)).as("%s", d).isEqualTo(exact(AS_OF, to));
        }
        assertThat(YearFraction.between(AS_OF, AS_OF.plus(Duration.ofDays(365))))
                .isEqualTo(1.0);
    }

    @Test
    void between_subMillisecondInstants_keepTheirNanoseconds() {
        Instant to = AS_OF.plus(Duration.ofDays(30)).plusNanos(123_456);
        assertThat(YearFraction.between(AS_OF, to)).isCloseTo(exact(AS_OF, to), within(1e-18));
        assertThat(YearFraction.between(AS_OF, to)).isGreaterThan(30.0 / 365);
    }

    /** A leap year is still 365 days: 2028-01-01 to 2029-01-01 (366 calendar days) is 366/365 years. */
    @Test
    void between_acrossALeapYear_countsActualDaysOver365() {
        assertThat(YearFraction.between(Instant.parse("2028-01-01T00:00:00Z"), Instant.parse("2029-01-01T00:00:00Z")))
                .isEqualTo(366.0 / 365.0);
    }

    @Test
    void ofDaysAndDay_agreeWithBetween() {
        assertThat(YearFraction.ofDays(7)).isEqualTo(YearFraction.between(AS_OF, AS_OF.plus(Duration.ofDays(7))));
        assertThat(YearFraction.DAY).isEqualTo(YearFraction.ofDays(1));
        assertThat(YearFraction.SECONDS_PER_YEAR).isEqualTo(31_536_000.0);
    }
}
