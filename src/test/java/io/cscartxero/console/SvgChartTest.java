package io.cscartxero.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SvgChartTest {

    private static List<ConsoleQueries.Bar> bars(long... values) {
        return java.util.stream.LongStream.of(values).mapToObj(v -> new ConsoleQueries.Bar("h" + v, v)).toList();
    }

    @Test
    void barsAreScaledToTheLimitAndThoseAboveItAreMarked() {
        SvgChart chart = SvgChart.of(bars(0, 30, 60, 90), 60, "limit 60", 400, 200);
        assertThat(chart.hasLimit()).isTrue();
        assertThat(chart.bars()).extracting(SvgChart.Rect::over).containsExactly(false, false, false, true);
        double plot = 200 - SvgChart.TOP - SvgChart.BOTTOM;
        assertThat(chart.bars().get(3).height()).isEqualTo(plot);                       // the largest fills the plot
        assertThat(chart.bars().get(2).y()).isEqualTo(chart.limitY());                   // 60 reaches the limit line
        assertThat(chart.bars().get(0).height()).isZero();
    }

    @Test
    void aLimitFarAboveEveryBarIsLeftOffTheScale() {
        SvgChart chart = SvgChart.of(bars(5, 12, 3), 3600, "limit 3,600/h", 400, 200);
        assertThat(chart.hasLimit()).isFalse();
        assertThat(chart.limitOffScale()).isTrue();
        assertThat(chart.bars().get(1).height()).isEqualTo(200 - SvgChart.TOP - SvgChart.BOTTOM);
    }
}
