package plots

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nnlab/nnlab/train"
)

// panel is one chart of [LossCurves]: the history columns it draws.
type panel struct {
	title, yLabel string
	cols          [3]string // training, validation and test
}

var historyPanels = []panel{
	{"Loss", "loss", [3]string{train.ColTrainLoss, train.ColValLoss, train.ColTestLoss}},
	{"Accuracy", "accuracy", [3]string{train.ColTrainAccuracy, train.ColValAccuracy, train.ColTestAccuracy}},
}

// splitNames label the series of a panel's columns.
var splitNames = [3]string{"train", "validation", "test"}

// LossCurves draws a training history as two charts side by side, loss
// per epoch (columns "train_loss", "val_loss" and "test_loss") and
// accuracy per epoch ("train_accuracy", "val_accuracy" and
// "test_accuracy"), and writes them to path as a PNG. Each series is named
// for its split in the legend: training in the palette's first colour,
// validation in its second, test in its third. Each chart's legend takes
// a corner of the chart that no curve runs through, or stands beside the
// chart when every corner has one. A chart whose columns are all missing
// is left out, so a regression run gets the loss chart alone. The x axis is the "epoch"
// column, or 1, 2, ... without one.
//
// Epochs where a value is NaN (not measured, as validation every few
// epochs) or infinite (diverged) are skipped, the line joining the
// neighbours. LossCurves returns an error, and writes nothing, if h is nil
// or empty, if it has none of the six columns or no finite value in
// them, or if the file cannot be written.
func LossCurves(path string, h *train.History) error {
	charts, err := historyCharts(h)
	width := 5.5 * vg.Inch * vg.Length(max(len(charts), 1))
	return figure("LossCurves", path, width, 4.25*vg.Inch, func(dc draw.Canvas) error {
		if err != nil {
			return err
		}
		drawCharts(dc, charts)
		return nil
	})
}

// historyCharts returns the charts of [LossCurves].
func historyCharts(h *train.History) ([]*chart, error) {
	var charts []*chart
	err := func() error {
		if h == nil {
			return fmt.Errorf("history is nil")
		}
		if h.Len() == 0 {
			return fmt.Errorf("history has no epochs")
		}
		epochs := h.Series(train.ColEpoch)
		if epochs == nil {
			epochs = make([]float64, h.Len())
			for i := range epochs {
				epochs[i] = float64(i + 1)
			}
		}
		drawn := 0
		for _, pn := range historyPanels {
			c, n := historyPlot(pn, h, epochs)
			if c != nil {
				charts = append(charts, c)
				drawn += n
			}
		}
		if len(charts) == 0 {
			return fmt.Errorf("history has none of the columns %s, %s, %s, %s, %s, %s (it has %v)",
				train.ColTrainLoss, train.ColValLoss, train.ColTestLoss, train.ColTrainAccuracy, train.ColValAccuracy, train.ColTestAccuracy, h.Columns)
		}
		if drawn == 0 {
			return fmt.Errorf("history has no finite loss or accuracy value")
		}
		return nil
	}()
	return charts, err
}

// drawCharts draws charts side by side in dc, their data areas aligned,
// each with its legend where its lines are not, and returns where the
// legends went.
func drawCharts(dc draw.Canvas, charts []*chart) []legendPlace {
	plots := make([]*plot.Plot, len(charts))
	for i, c := range charts {
		plots[i] = c.p
	}
	tiles := draw.Tiles{Rows: 1, Cols: len(plots), PadX: vg.Points(24),
		PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(10)}
	canvases := plot.Align([][]*plot.Plot{plots}, tiles, dc)
	places := make([]legendPlace, len(charts))
	for i, c := range charts {
		places[i] = c.draw(canvases[0][i])
	}
	return places
}

// historyPlot returns the chart of panel pn and how many of its series
// have a point, or nil if h has neither of its columns.
func historyPlot(pn panel, h *train.History, epochs []float64) (*chart, int) {
	c := newChart(pn.title)
	p := c.p
	p.X.Label.Text, p.Y.Label.Text = "epoch", pn.yLabel
	p.X.Tick.Marker = integerTicks{}
	p.Add(plotter.NewGrid())
	present, drawn := 0, 0
	for i, col := range pn.cols {
		ys := h.Series(col)
		if ys == nil {
			continue
		}
		present++
		if c.addSeries(i, Series{Name: splitNames[i]}, drawable(epochs, ys, false, false)) {
			drawn++
		}
	}
	if present == 0 {
		return nil, 0
	}
	widenSingle(&p.X)
	widenSingle(&p.Y)
	return c, drawn
}
