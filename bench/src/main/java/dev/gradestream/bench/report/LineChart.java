package dev.gradestream.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line chart drawn with java.awt into a PNG (headless; no plotting library): axes with round
 * ticks, linear or log-10 x, a legend, one colour per series, points marked when a series has few.
 */
public final class LineChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 390;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    /** How a line is drawn: lines of one colour tell apart what they measure by their stroke. */
    public enum Stroke {
        SOLID(null), DASHED(new float[] {8f, 5f}), DOTTED(new float[] {2f, 4f});

        private final float[] dash;

        Stroke(float[] dash) {
            this.dash = dash;
        }

        BasicStroke awt() {
            return dash == null ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f);
        }
    }

    /** One line: its name in the legend, its points in x order, its colour (an index) and stroke. */
    public record Series(String name, double[] xs, double[] ys, int colour, Stroke stroke) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();
    private boolean xTicksAtPoints;

    public LineChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    /** Ticks on x exactly at the points' x values (a few levels, e.g. concurrency 1, 2, 4, 8), not round ones. */
    public LineChart xTicksAtPoints() {
        xTicksAtPoints = true;
        return this;
    }

    public LineChart add(Series line) {
        series.add(line);
        return this;
    }

    public void writePng(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        Axis x = xTicksAtPoints ? Axis.over(values(true).stream().distinct().sorted().toList(), logX)
                : Axis.of(values(true), logX);
        Axis y = Axis.of(values(false), false).fromZero();
        drawAxes(g, x, y);
        int index = 0;
        for (Series line : series) {
            drawSeries(g, line, x, y, PALETTE[line.colour() % PALETTE.length]);
            drawLegendEntry(g, line, index++, PALETTE[line.colour() % PALETTE.length]);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private List<Double> values(boolean xs) {
        List<Double> all = new ArrayList<>();
        for (Series line : series) {
            for (double v : xs ? line.xs() : line.ys()) {
                if (Double.isFinite(v) && (!xs || !logX || v > 0)) {
                    all.add(v);
                }
            }
        }
        return all;
    }

    private void drawAxes(Graphics2D g, Axis x, Axis y) {
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        for (double tick : y.ticks()) {
            int py = py(y, tick);
            String label = format(tick);
            gridLine(g, LEFT, py, plotRight, py, label, LEFT - 8 - metrics.stringWidth(label), py + 4);
        }
        for (double tick : x.ticks()) {
            int px = px(x, tick);
            String label = format(tick);
            gridLine(g, px, TOP, px, plotBottom, label, px - metrics.stringWidth(label) / 2, plotBottom + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotRight - LEFT, plotBottom - TOP);
        g.drawString(xLabel, LEFT + (plotRight - LEFT - metrics.stringWidth(xLabel)) / 2, HEIGHT - 18);
        Graphics2D vertical = (Graphics2D) g.create();
        vertical.rotate(-Math.PI / 2);
        vertical.drawString(yLabel, -(TOP + (plotBottom - TOP + metrics.stringWidth(yLabel)) / 2), 22);
        vertical.dispose();
    }

    private static void gridLine(Graphics2D g, int x1, int y1, int x2, int y2, String label, int labelX, int labelY) {
        g.setColor(new Color(0xe5e5e5));
        g.drawLine(x1, y1, x2, y2);
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, labelX, labelY);
    }

    private void drawSeries(Graphics2D g, Series line, Axis x, Axis y, Color color) {
        g.setColor(color);
        g.setStroke(line.stroke().awt());
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < line.xs().length; i++) {
            if (!Double.isFinite(line.ys()[i]) || logX && line.xs()[i] <= 0) {
                continue;
            }
            int px = px(x, line.xs()[i]);
            int py = py(y, line.ys()[i]);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, px, py);
            }
            if (line.xs().length <= 12) {
                g.fillOval(px - 4, py - 4, 8, 8);
            }
            previousX = px;
            previousY = py;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private void drawLegendEntry(Graphics2D g, Series line, int index, Color color) {
        int lx = WIDTH - RIGHT + 15;
        int ly = TOP + 10 + index * 20;
        g.setColor(color);
        g.setStroke(line.stroke().awt());
        g.drawLine(lx, ly, lx + 25, ly);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(line.name(), lx + 32, ly + 4);
    }

    private int px(Axis x, double value) {
        return LEFT + (int) Math.round(x.fraction(value) * (WIDTH - RIGHT - LEFT));
    }

    private int py(Axis y, double value) {
        return HEIGHT - BOTTOM - (int) Math.round(y.fraction(value) * (HEIGHT - BOTTOM - TOP));
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1 ? "%.1f" : "%.2f", value);
    }
}
