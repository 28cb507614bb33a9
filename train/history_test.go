package train

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sampleHistory has columns that appear late and values absent in some
// epochs, as early epochs without validation data would leave them.
func sampleHistory() *History {
	h := &History{}
	h.Add([]NamedValue{{ColEpoch, 1}, {ColLR, 0.01}, {ColTrainLoss, 0.6931471805599453}})
	h.Add([]NamedValue{{ColEpoch, 2}, {ColValLoss, 0.1 + 0.2}, {ColTrainLoss, 1.0 / 3}, {ColLR, 5e-324}})
	h.Add([]NamedValue{{"grad_norm_1", 1e300}, {ColEpoch, 3}, {ColValLoss, math.NaN()}, {ColTrainLoss, math.Copysign(0, -1)}})
	return h
}

func TestHistoryAdd(t *testing.T) {
	h := sampleHistory()
	wantCols := []string{ColEpoch, ColLR, ColTrainLoss, ColValLoss, "grad_norm_1"}
	if !slices.Equal(h.Columns, wantCols) {
		t.Fatalf("columns %v, want first-seen order %v", h.Columns, wantCols)
	}
	nan := math.NaN()
	want := [][]float64{
		{1, 0.01, 0.6931471805599453, nan, nan},
		{2, 5e-324, 1.0 / 3, 0.1 + 0.2, nan},
		{3, nan, math.Copysign(0, -1), nan, 1e300},
	}
	assertSameHistory(t, "Add", h, &History{Columns: wantCols, Rows: want})
	if h.Len() != 3 {
		t.Errorf("Len %d, want 3", h.Len())
	}
}

func TestHistorySeriesLast(t *testing.T) {
	h := sampleHistory()
	cases := []struct {
		col    string
		series []float64 // nil: no such column
	}{
		{ColEpoch, []float64{1, 2, 3}},
		{ColValLoss, []float64{math.NaN(), 0.1 + 0.2, math.NaN()}},
		{"grad_norm_1", []float64{math.NaN(), math.NaN(), 1e300}},
		{"nope", nil},
	}
	for _, c := range cases {
		got := h.Series(c.col)
		if (got == nil) != (c.series == nil) || !sameBits(got, c.series) {
			t.Errorf("Series(%q) = %v, want %v", c.col, got, c.series)
		}
		wantLast := math.NaN()
		if len(c.series) > 0 {
			wantLast = c.series[len(c.series)-1]
		}
		if got := h.Last(c.col); math.Float64bits(got) != math.Float64bits(wantLast) {
			t.Errorf("Last(%q) = %v, want %v", c.col, got, wantLast)
		}
	}
	// Series is a copy: changing it leaves the history alone.
	h.Series(ColEpoch)[0] = 99
	if h.Rows[0][0] != 1 {
		t.Error("Series shares storage with the history")
	}
	if v := (&History{}).Last(ColEpoch); !math.IsNaN(v) {
		t.Errorf("Last of an empty history = %v, want NaN", v)
	}
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func TestHistoryCSV(t *testing.T) {
	h := sampleHistory()
	var b bytes.Buffer
	if err := h.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], h.Columns) {
		t.Errorf("header %v, want %v", recs[0], h.Columns)
	}
	if len(recs) != 1+h.Len() {
		t.Fatalf("%d records, want a header and %d rows", len(recs), h.Len())
	}
	// Read it back: NaN is an empty field, and every number returns to the
	// same bits.
	back := &History{Columns: recs[0]}
	for i, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for j, f := range rec {
			if f == "" {
				row[j] = math.NaN()
				continue
			}
			if row[j], err = strconv.ParseFloat(f, 64); err != nil {
				t.Fatalf("row %d column %s: %v", i+1, recs[0][j], err)
			}
		}
		back.Rows = append(back.Rows, row)
	}
	assertSameHistory(t, "CSV round trip", back, h)
	if got := recs[3][3]; got != "" {
		t.Errorf("NaN written as %q, want an empty field", got)
	}
	if got := recs[1][2]; got != "0.6931471805599453" {
		t.Errorf("ln 2 written as %q, want the shortest exact form", got)
	}
	// An empty history is just the header (here none).
	b.Reset()
	if err := (&History{}).WriteCSV(&b); err != nil || strings.TrimSpace(b.String()) != "" {
		t.Errorf("empty history wrote %q, %v", b.String(), err)
	}
}

func TestHistoryJSON(t *testing.T) {
	h := sampleHistory()
	raw, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	// The form is a list of objects, with null for NaN, that any JSON
	// reader takes.
	var generic []map[string]*float64
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatalf("%s is not a list of objects: %v", raw, err)
	}
	if len(generic) != 3 || generic[0][ColValLoss] != nil || generic[1][ColValLoss] == nil || *generic[1][ColValLoss] != 0.1+0.2 {
		t.Errorf("JSON %s does not hold the values, with null for NaN", raw)
	}
	if !strings.Contains(string(raw), `"val_loss":null`) {
		t.Errorf("JSON %s has no null", raw)
	}
	var back History
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	assertSameHistory(t, "JSON round trip", &back, h)
	// Through a pointer field too, as State holds it.
	var st struct{ H *History }
	raw2, _ := json.Marshal(struct{ H *History }{h})
	if err := json.Unmarshal(raw2, &st); err != nil {
		t.Fatal(err)
	}
	assertSameHistory(t, "JSON round trip in a struct", st.H, h)
	// Empty history.
	if raw, _ := json.Marshal(&History{}); string(raw) != "[]" {
		t.Errorf("empty history is %s, want []", raw)
	}
}

// TestHistoryJSONColumnOrder reads hand-written JSON whose objects name
// columns in different orders and sets: columns come in first-seen order.
func TestHistoryJSONColumnOrder(t *testing.T) {
	var h History
	in := `[{"b":1,"a":2},{"a":3,"c":null,"b":4},{"d":5}]`
	if err := json.Unmarshal([]byte(in), &h); err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	want := &History{Columns: []string{"b", "a", "c", "d"}, Rows: [][]float64{
		{1, 2, nan, nan}, {4, 3, nan, nan}, {nan, nan, nan, 5},
	}}
	assertSameHistory(t, "hand-written JSON", &h, want)
}

func TestHistoryJSONErrors(t *testing.T) {
	for _, in := range []string{
		`{}`, `[1]`, `[{"a":"x"}]`, `[{"a":1}`, `[{"a":[1]}]`, ``, `[{"a":1},`,
	} {
		var h History
		if err := json.Unmarshal([]byte(in), &h); err == nil {
			t.Errorf("%q: no error, got %+v", in, h)
		}
	}
}
