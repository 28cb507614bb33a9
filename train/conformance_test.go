package train

// The conformance test runs every case of every reference file (see
// testdata/refs/README.md) against nnlab. Each kind of case has a runner in
// a conformance_<kind>_test.go file that registers itself in runners; a
// case of a kind, field, option or name that nnlab does not know fails,
// because folders with other values and options are run too. Each runner
// names the fields it reads with allowFields, and a panic inside a case
// (nnlab rejecting a shape as a programmer error, say) fails that case
// alone, so one bad case cannot hide the others.

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
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
				defer failOnPanic(t)
				run(t, c)
			})
		}
	}
	t.Logf("%d reference cases from %s", total, refsDir())
}

// failOnPanic, deferred in a case's test, turns a panic into that case's
// failure, with the panic's message and where it came from, instead of
// letting it end the whole run. (t.Fatal's Goexit is no panic, so it is
// not caught.)
func failOnPanic(t *testing.T) {
	r := recover()
	if r == nil {
		return
	}
	t.Fatalf("panic: %v\n%s", r, panicSite(debug.Stack()))
}

// panicSite returns the frames of a stack trace below the panic itself,
// which are where the fault is, leaving out the runtime's and the
// harness's.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			lines = lines[min(i+2, len(lines)):]
			break
		}
	}
	if len(lines) > 12 {
		lines = lines[:12]
	}
	return strings.Join(lines, "\n")
}

// refCase is one reference case with typed accessors for its fields.
type refCase struct {
	Kind, Name string
	fields     map[string]json.RawMessage
	t          *testing.T
}

func (c *refCase) has(key string) bool { _, ok := c.fields[key]; return ok }

// allowFields fails the case if it has a top-level field other than kind,
// name and the given ones: every runner calls it first with the fields it
// reads, so that a field it would ignore (a setting it does not apply, an
// expectation it does not check) cannot pass silently.
func (c *refCase) allowFields(fields ...string) {
	var unknown []string
	for k := range c.fields {
		if k != "kind" && k != "name" && !slices.Contains(fields, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		c.fatalf("unsupported fields %v (this %s runner reads %v)", unknown, c.Kind, fields)
	}
}

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
	return c.checked(key, j)
}

// checked returns j as a tensor, failing the case (rather than panicking
// in tensor.New) when its data does not fill its shape.
func (c *refCase) checked(what string, j jsonTensor) *tensor.Tensor {
	n := 1
	for _, d := range j.Shape {
		if d < 0 {
			c.fatalf("%s: shape %v has a negative dimension", what, j.Shape)
		}
		n *= d
	}
	if n != len(j.Data) {
		c.fatalf("%s: shape %v needs %d values, data has %d", what, j.Shape, n, len(j.Data))
	}
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

// int reads an option that must be a whole number, such as a class index.
func (o *refOptions) int(key string, def int) int {
	v := float64(def)
	if o.get(key, &v) && (v != math.Trunc(v) || math.Abs(v) > 1<<31) {
		o.c.fatalf("option %q = %v is not a whole number", key, v)
	}
	return int(v)
}

// tensor reads an option holding a tensor, nil when absent or null. As in
// PyTorch, where such an option (a loss's weight) is a tensor, it may be
// written as a tensor object {"shape", "data"}, as a nested list whose
// nesting gives the shape ([[1, 2], [3, 4]] is [2, 2]), or as a number (a
// scalar, shape []). Anything else, ragged lists included, fails the case.
func (o *refOptions) tensor(key string) *tensor.Tensor {
	var raw json.RawMessage
	if !o.get(key, &raw) {
		return nil
	}
	what := fmt.Sprintf("option %q", key)
	if t := strings.TrimSpace(string(raw)); strings.HasPrefix(t, "{") {
		var j jsonTensor
		dec := json.NewDecoder(strings.NewReader(t))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&j); err != nil || j.Shape == nil || j.Data == nil {
			o.c.fatalf("%s: %s is not a tensor {\"shape\": [...], \"data\": [...]} (%v)", what, raw, err)
		}
		return o.c.checked(what, j)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		o.c.fatalf("%s: %v", what, err)
	}
	var j jsonTensor
	if err := nestedTensor(v, 0, &j); err != nil {
		o.c.fatalf("%s: %s: %v", what, raw, err)
	}
	return o.c.checked(what, j)
}

// nestedTensor appends v, a number or a list nested depth deep, to j,
// recording its shape on first sight of each depth and failing on a list
// that differs from its siblings in length or depth.
func nestedTensor(v any, depth int, j *jsonTensor) error {
	switch x := v.(type) {
	case float64:
		if depth != len(j.Shape) {
			return fmt.Errorf("a number at depth %d where the shape %v needs a list", depth, j.Shape)
		}
		j.Data = append(j.Data, x)
		return nil
	case []any:
		switch {
		case depth == len(j.Shape) && len(j.Data) == 0:
			j.Shape = append(j.Shape, len(x)) // first list at this depth
		case depth >= len(j.Shape):
			return fmt.Errorf("a list at depth %d where the shape %v needs a number", depth, j.Shape)
		case j.Shape[depth] != len(x):
			return fmt.Errorf("ragged: a list of %d at depth %d, its sibling had %d", len(x), depth, j.Shape[depth])
		}
		for _, e := range x {
			if err := nestedTensor(e, depth+1, j); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%v (%T) is neither a number nor a list", v, v)
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
