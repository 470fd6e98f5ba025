package io.ticketsuite.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DurationStatsTest {

    @Test
    void shouldComputeNearestRankPercentilesOfOneToHundred() {
        double[] values = IntStream.rangeClosed(1, 100).mapToDouble(i -> i).toArray();

        DurationStats stats = DurationStats.of(values);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.meanSeconds()).isEqualTo(50.5);
        assertThat(stats.p50Seconds()).isEqualTo(50.0);
        assertThat(stats.p95Seconds()).isEqualTo(95.0);
    }

    @Test
    void shouldTakeObservedValuesForSmallSamplesWhateverTheirOrder() {
        DurationStats stats = DurationStats.of(List.of(120.0, 30.0, 60.0, 60.0));

        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.meanSeconds()).isEqualTo(67.5);
        assertThat(stats.p50Seconds())
                .as("rank ceil(0.5*4)=2 of [30,60,60,120]")
                .isEqualTo(60.0);
        assertThat(stats.p95Seconds()).as("rank ceil(0.95*4)=4").isEqualTo(120.0);
    }

    @Test
    void shouldGiveTheSingleValueForEveryStatisticOfOneValue() {
        DurationStats stats = DurationStats.of(new double[] {42.5});

        assertThat(stats).isEqualTo(new DurationStats(1, 42.5, 42.5, 42.5));
    }

    @Test
    void shouldRoundToMillisecondsAndNotBeSkewedByOneOutlierInTheMedian() {
        DurationStats stats = DurationStats.of(List.of(90.0, 120.0, 200.0));
        assertThat(stats.meanSeconds()).isEqualTo(136.667);
        assertThat(stats.p50Seconds()).isEqualTo(120.0);
        assertThat(stats.p95Seconds()).isEqualTo(200.0);

        DurationStats skewed = DurationStats.of(List.of(10.0, 11.0, 12.0, 13.0, 100_000.0));
        assertThat(skewed.p50Seconds()).isEqualTo(12.0);
        assertThat(skewed.p95Seconds()).isEqualTo(100_000.0);
        assertThat(skewed.meanSeconds()).isEqualTo(20_009.2);
    }

    @Test
    void shouldReportNoStatisticsWithoutValues() {
        assertThat(DurationStats.of(List.of())).isEqualTo(new DurationStats(0, null, null, null));
    }

    @Test
    void shouldRefusePercentilesOutsideTheRange() {
        assertThatThrownBy(() -> DurationStats.percentile(new double[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationStats.percentile(new double[] {1}, 101))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DurationStats.percentile(new double[] {1, 2, 3}, 100)).isEqualTo(3.0);
        assertThat(DurationStats.percentile(new double[] {1, 2, 3}, 1)).isEqualTo(1.0);
    }
}
