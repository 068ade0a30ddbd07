package dev.rnn4j.cli.train;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** {@code DIR/loss.png}: the training loss (averaged over windows of steps) and the validation loss against the step. */
final class LossPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;

    static {
        System.setProperty("java.awt.headless", "true");   // before AWT loads: no display needed for a PNG
    }

    private LossPlot() {
    }

    /** Draws the rows and writes the PNG atomically (a reader never sees half a picture). */
    static void write(List<MetricsLog.Row> rows, Path file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(trainSeries(rows));
        XYSeries val = new XYSeries("validation");
        for (MetricsLog.Row r : rows) {
            if (!Double.isNaN(r.valLoss())) {
                val.add(r.step(), r.valLoss());
            }
        }
        data.addSeries(val);
        JFreeChart chart = ChartFactory.createXYLineChart("rnn4j train", "step", "loss (nats per character)", data,
                PlotOrientation.VERTICAL, true, false, false);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, WIDTH, HEIGHT);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Mean training loss over windows of about 1/200 of the run, so the curve shows the trend, not batch noise. */
    private static XYSeries trainSeries(List<MetricsLog.Row> rows) {
        XYSeries s = new XYSeries("train");
        int window = Math.max(1, rows.size() / 200);
        for (int i = 0; i < rows.size(); i += window) {
            int end = Math.min(rows.size(), i + window);
            double sum = 0;
            for (int j = i; j < end; j++) {
                sum += rows.get(j).trainLoss();
            }
            s.add(rows.get(end - 1).step(), sum / (end - i));
        }
        return s;
    }
}
