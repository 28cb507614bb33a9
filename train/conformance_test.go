package train

// The conformance test runs every case of every reference file (see
// testdata/refs/README.md) against nnlab. Each kind of case has a runner in
// a conformance_<kind>_test.go file that registers itself in runners; a
// case of a kind, option or name that nnlab does not know fails, because
// folders with other values and options are run too.

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// runners maps a case's kind to the function that checks it.
var runners = map[string]func(t *testing.T, c *refCase){}

// refsDir is the folder of reference files: $NNLAB_REFS or the module's copy.
func refsDir() string {
	if d := os.Getenv("NNLAB_REFS"); d != "" {
		return d
	}
	return filepath.Join("testdata", "refs")
}

func TestConformance(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(refsDir(), "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no reference files in %s (err %v)", refsDir(), err)
	}
	total := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Cases []map[string]json.RawMessage `json:"cases"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, fields := range doc.Cases {
			c := &refCase{fields: fields}
			c.Kind = c.str("kind")
			c.Name = c.str("name")
			if c.Name == "" {
				c.Name = fmt.Sprint(i)
			}
			total++
			t.Run(filepath.Base(f)+"/"+c.Name, func(t *testing.T) {
				run, ok := runners[c.Kind]
				if !ok {
					t.Fatalf("unknown case kind %q", c.Kind)
				}
				c.t = t
				run(t, c)
			})
		}
	}
	t.Logf("%d reference cases from %s", total, refsDir())
}

// refCase is one reference case with typed accessors for its fields.
type refCase struct {
	Kind, Name string
	fields     map[string]json.RawMessage
	t          *testing.T
}

func (c *refCase) has(key string) bool { _, ok := c.fields[key]; return ok }

func (c *refCase) decode(key string, dst any) {
	raw, ok := c.fields[key]
	if !ok {
		c.fatalf("case has no field %q", key)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		c.fatalf("field %q: %v", key, err)
	}
}

func (c *refCase) fatalf(format string, args ...any) {
	if c.t == nil {
		panic(fmt.Sprintf(format, args...))
	}
	c.t.Helper()
	c.t.Fatalf(format, args...)
}

func (c *refCase) str(key string) string {
	var s string
	if c.has(key) {
		c.decode(key, &s)
	}
	return s
}

func (c *refCase) float(key string) float64 {
	var v float64
	c.decode(key, &v)
	return v
}

// jsonTensor is the reference files' tensor: {"shape": [...], "data": [...]}.
type jsonTensor struct {
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

func (j jsonTensor) tensor() *tensor.Tensor {
	return tensor.New(append([]float64(nil), j.Data...), j.Shape...)
}

func (c *refCase) tensor(key string) *tensor.Tensor {
	var j jsonTensor
	c.decode(key, &j)
	return j.tensor()
}

func (c *refCase) tensors(key string) []*tensor.Tensor {
	var js []jsonTensor
	c.decode(key, &js)
	out := make([]*tensor.Tensor, len(js))
	for i, j := range js {
		out[i] = j.tensor()
	}
	return out
}

func (c *refCase) tensorMap(key string) map[string]*tensor.Tensor {
	var js map[string]jsonTensor
	c.decode(key, &js)
	out := map[string]*tensor.Tensor{}
	for k, j := range js {
		out[k] = j.tensor()
	}
	return out
}

// options returns the case's options (or params) object, whose keys must
// all be read before done is called.
func (c *refCase) options(key string) *refOptions {
	o := &refOptions{c: c, m: map[string]json.RawMessage{}, used: map[string]bool{}}
	if c.has(key) {
		c.decode(key, &o.m)
	}
	return o
}

// refOptions reads typed options with defaults and reports unknown keys.
type refOptions struct {
	c    *refCase
	m    map[string]json.RawMessage
	used map[string]bool
}

func (o *refOptions) get(key string, dst any) bool {
	o.used[key] = true
	raw, ok := o.m[key]
	if !ok || string(raw) == "null" {
		return false
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		o.c.fatalf("option %q: %v", key, err)
	}
	return true
}

func (o *refOptions) float(key string, def float64) float64 {
	v := def
	o.get(key, &v)
	return v
}

func (o *refOptions) bool(key string, def bool) bool {
	v := def
	o.get(key, &v)
	return v
}

func (o *refOptions) string(key string, def string) string {
	v := def
	o.get(key, &v)
	return v
}

func (o *refOptions) floats(key string) []float64 {
	var v []float64
	o.get(key, &v)
	return v
}

// done fails the case if it has an option nobody read: an option nnlab does
// not implement must not pass silently.
func (o *refOptions) done() {
	var unknown []string
	for k := range o.m {
		if !o.used[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		o.c.fatalf("unsupported options %v", unknown)
	}
}

// approxEqual reports whether got is within tol of want, absolute or relative,
// whichever is larger, as the reference README specifies.
func approxEqual(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// assertClose fails the case unless got matches want in shape and values.
func assertClose(t *testing.T, what string, got, want *tensor.Tensor, tol float64) {
	t.Helper()
	if !tensor.SameShape(got, want) {
		t.Fatalf("%s: shape %v, want %v", what, got.Shape(), want.Shape())
	}
	assertCloseSlice(t, what, got.Data(), want.Data(), tol)
}

func assertCloseSlice(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		if !approxEqual(got[i], want[i], tol) {
			t.Fatalf("%s[%d] = %.17g, want %.17g (tolerance %g)", what, i, got[i], want[i], tol)
		}
	}
}

const refTol = 1e-9
