package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nnlab/nnlab/tensor"
)

// BoundaryCell is one chart of a [DecisionBoundaryGrid]: a classifier's
// probabilities (as for [DecisionBoundary]) and the two-feature data set,
// with its true class labels, drawn over them. The zero BoundaryCell is a
// blank tile, for a combination that was not run.
type BoundaryCell struct {
	Proba  func(x *tensor.Tensor) *tensor.Tensor
	X      *tensor.Tensor
	Labels []int
	Title  string
}

// DecisionBoundaryGrid draws a table of decision boundaries, as
// [DecisionBoundary] draws one, and writes it to path as a PNG: cells[r][c]
// is the chart in row r and column c, typically one data set per row and
// one model variant (an activation, say) per column. rowNames label the
// rows down the left and colNames the columns along the top; either may be
// nil for no labels. The cells have no legend: class k has the same
// colour and shape in every cell, as in every picture of this package.
//
// Each cell's proba is called once, on an 80×80 grid. DecisionBoundaryGrid
// returns an error naming the cell, and writes nothing, if a cell's data
// or proba is wrong as DecisionBoundary would report, if a cell has only
// one of Proba and X, if cells is empty or ragged, if every cell is blank,
// if there are names but not one per row or column, or if the file cannot
// be written.
func DecisionBoundaryGrid(path string, cells [][]BoundaryCell, rowNames, colNames []string) error {
	bs, err := gridBoundaries(cells, rowNames, colNames)
	rows, cols := len(bs), 0
	if rows > 0 {
		cols = len(bs[0])
	}
	const cell = 2.6 * vg.Inch
	left, top := vg.Length(0), vg.Length(0)
	if len(rowNames) > 0 {
		left = 0.4 * vg.Inch
	}
	if len(colNames) > 0 {
		top = 0.4 * vg.Inch
	}
	w := left + cell*vg.Length(max(cols, 1))
	h := top + cell*vg.Length(max(rows, 1))
	return figure("DecisionBoundaryGrid", path, w, h, func(dc draw.Canvas) error {
		if err != nil {
			return err
		}
		plots := make([][]*plot.Plot, rows)
		for r, row := range bs {
			plots[r] = make([]*plot.Plot, cols)
			for c, b := range row {
				if b == nil {
					continue
				}
				p := b.plot(cells[r][c].Title, nil, 0.7)
				p.Title.TextStyle.Font.Size = 10
				p.X.Tick.Label.Font.Size, p.Y.Tick.Label.Font.Size = 8, 8
				plots[r][c] = p
			}
		}
		tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(8), PadY: vg.Points(8),
			PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
		canvases := plot.Align(plots, tiles, draw.Crop(dc, left, 0, 0, -top))
		for r := range plots {
			for c, p := range plots[r] {
				if p != nil {
					p.Draw(canvases[r][c])
				}
			}
		}
		// Names centre on the data areas, not the tiles, which include
		// tick labels on one side only.
		centre := func(r, c int) vg.Point {
			area := canvases[r][c]
			if p := plots[r][c]; p != nil {
				area = p.DataCanvas(area)
			}
			return area.Center()
		}
		sty := textStyle(13)
		for c, name := range colNames {
			dc.FillText(sty, vg.Point{X: centre(0, c).X, Y: dc.Max.Y - top/2}, name)
		}
		sty.Rotation = math.Pi / 2
		for r, name := range rowNames {
			dc.FillText(sty, vg.Point{X: dc.Min.X + left/2, Y: centre(r, 0).Y}, name)
		}
		return nil
	})
}

// gridBoundaries checks the table's shape and names and computes each
// cell's boundary; blank cells are nil.
func gridBoundaries(cells [][]BoundaryCell, rowNames, colNames []string) ([][]*boundary, error) {
	if len(cells) == 0 || len(cells[0]) == 0 {
		return nil, fmt.Errorf("no cells")
	}
	cols := len(cells[0])
	for r, row := range cells {
		if len(row) != cols {
			return nil, fmt.Errorf("row %d has %d cells, row 0 has %d", r, len(row), cols)
		}
	}
	if len(rowNames) > 0 && len(rowNames) != len(cells) {
		return nil, fmt.Errorf("%d row names for %d rows", len(rowNames), len(cells))
	}
	if len(colNames) > 0 && len(colNames) != cols {
		return nil, fmt.Errorf("%d column names for %d columns", len(colNames), cols)
	}
	bs := make([][]*boundary, len(cells))
	drawn := 0
	for r, row := range cells {
		bs[r] = make([]*boundary, cols)
		for c, cell := range row {
			if cell.Proba == nil && cell.X == nil {
				continue
			}
			b, err := newBoundary(cell.Proba, []Split{{X: cell.X, Labels: cell.Labels}}, nil, boundaryGridRes)
			if err != nil {
				return nil, fmt.Errorf("cell (%d, %d) %q: %w", r, c, cell.Title, err)
			}
			bs[r][c] = b
			drawn++
		}
	}
	if drawn == 0 {
		return nil, fmt.Errorf("every cell is blank")
	}
	return bs, nil
}
