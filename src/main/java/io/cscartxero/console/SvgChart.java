package io.cscartxero.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart drawn on the server as inline SVG (the template renders these shapes; no script, no chart library):
 * one bar per value, a few axis labels, and optionally a limit line.
 *
 * @param limitY  the limit line's y (NaN: none)
 */
public record SvgChart(int width, int height, List<Rect> bars, List<Label> labels, double limitY, String limitLabel, long max) {

    public record Rect(double x, double y, double width, double height, String title, boolean over) {
    }

    public record Label(double x, double y, String text, String anchor) {
    }

    static final int LEFT = 48;
    static final int BOTTOM = 22;
    static final int TOP = 14;

    /**
     * Bars of {@code values} with the limit line (limit &le; 0: none), scaled to the larger of their maximum and the
     * limit; a limit more than four times the largest bar is left off the scale (the caption says so), so that the
     * bars stay readable.
     */
    public static SvgChart of(List<ConsoleQueries.Bar> values, long limit, String limitLabel, int width, int height) {
        long max = Math.max(1, values.stream().mapToLong(ConsoleQueries.Bar::value).max().orElse(0));
        boolean limitOnScale = limit > 0 && limit <= 4 * max;
        long scale = Math.max(max, limitOnScale ? limit : 0);
        double plotWidth = width - LEFT - 6;
        double plotHeight = height - TOP - BOTTOM;
        double slot = values.isEmpty() ? plotWidth : plotWidth / values.size();
        List<Rect> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(values.size() / 12.0));
        for (int i = 0; i < values.size(); i++) {
            ConsoleQueries.Bar bar = values.get(i);
            double h = plotHeight * bar.value() / scale;
            double x = LEFT + i * slot + slot * 0.1;
            bars.add(new Rect(round(x), round(TOP + plotHeight - h), round(slot * 0.8), round(h), bar.label() + ": " + bar.value(),
                    limit > 0 && bar.value() > limit));
            if (i % every == 0) {
                labels.add(new Label(round(x + slot * 0.4), height - 6, bar.label(), "middle"));
            }
        }
        labels.add(new Label(LEFT - 4, TOP + 4, Long.toString(scale), "end"));
        labels.add(new Label(LEFT - 4, TOP + plotHeight, "0", "end"));
        double limitY = limitOnScale ? round(TOP + plotHeight - plotHeight * limit / scale) : Double.NaN;
        return new SvgChart(width, height, bars, labels, limitY, limit > 0 ? limitLabel : null, max);
    }

    /** A limit that is set but far above every bar (not drawn). */
    public boolean limitOffScale() {
        return limitLabel != null && Double.isNaN(limitY);
    }

    public boolean hasLimit() {
        return !Double.isNaN(limitY);
    }

    public int plotRight() {
        return width - 6;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotBottom() {
        return height - BOTTOM;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
