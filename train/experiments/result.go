package experiments

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/nnlab/nnlab/train/atomicfile"
)

// Result is what an experiment found, as written to results.json.
type Result struct {
	Experiment string   `json:"experiment"`
	Claim      string   `json:"claim"`
	Quick      bool     `json:"quick"`
	Seeds      []uint64 `json:"seeds"`
	// Settings records every setting the run used; its layout is the
	// experiment's own.
	Settings json.RawMessage `json:"settings"`
	// Tables holds the named tables of the experiment, such as
	// "accuracy" (by data set, then activation) in linear-collapse. Read
	// one into a typed value with Table.
	Tables map[string]any `json:"tables,omitempty"`
	// Verdict says whether the claim held, by the rule it states.
	Verdict Verdict `json:"verdict"`
	// Figures lists the PNG files written beside results.json.
	Figures []string `json:"figures,omitempty"`
	// Shard is set only on the result of one slice of the grid.
	Shard *ShardInfo `json:"shard,omitempty"`

	doc reportDoc
}

// Verdict is the outcome of an experiment: Holds is "yes", "no" or
// "partly", decided from the data by Rule, which was fixed before the
// experiment ran; Text explains it with the numbers.
type Verdict struct {
	Holds  string `json:"holds"`
	Text   string `json:"text"`
	Rule   string `json:"rule"`
	TextZH string `json:"text_zh"`
	RuleZH string `json:"rule_zh"`
}

// The values of Verdict.Holds.
const (
	HoldsYes    = "yes"
	HoldsNo     = "no"
	HoldsPartly = "partly"
)

// ShardInfo describes the slice of the grid a partial result covers.
type ShardInfo struct {
	K        int `json:"k"`         // this slice, from 1
	N        int `json:"n"`         // of so many
	Cells    int `json:"cells"`     // cells in this slice
	GridSize int `json:"grid_size"` // cells in the whole grid
}

// Num is a float64 that writes NaN and infinities as JSON null (and reads
// null as NaN), so that "not measured" or "never" survives a round trip
// through results.json.
type Num float64

// MarshalJSON writes the shortest form that reads back to the same bits,
// or null.
func (n Num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// UnmarshalJSON reads a number, or null as NaN.
func (n *Num) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Num(math.NaN())
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("not a number: %s", b)
	}
	*n = Num(f)
	return nil
}

// nums converts for JSON.
func nums(vs []float64) []Num {
	out := make([]Num, len(vs))
	for i, v := range vs {
		out[i] = Num(v)
	}
	return out
}

// floats converts back.
func floats(vs []Num) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = float64(v)
	}
	return out
}

// Table decodes the named table into dst, a pointer to a value of the
// table's shape (for example *map[string]map[string]Stats for
// linear-collapse's "accuracy"). It works alike on a result just run and
// on one read back by ReadResult.
func (r *Result) Table(name string, dst any) error {
	t, ok := r.Tables[name]
	if !ok {
		return fmt.Errorf("experiment %s has no table %q", r.Experiment, name)
	}
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

// JSON returns the result as results.json holds it: indented, with the
// keys of every table in sorted order, ending in a newline.
func (r *Result) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("experiment %s: %w", r.Experiment, err)
	}
	return append(b, '\n'), nil
}

// ReadResult reads a results.json. Its tables come back as generic JSON
// values; read them with Table. It has no report: that is in report.md.
func ReadResult(path string) (*Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &r, nil
}

// write puts results.json and report.md into dir; the figures are there
// already.
func (r *Result) write(dir string) error {
	b, err := r.JSON()
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "results.json"), b); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "report.md"), []byte(r.Markdown(English)))
}

func writeFile(path string, b []byte) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
