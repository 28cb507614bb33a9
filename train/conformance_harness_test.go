package train

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// The conformance harness is test code, but a harness that passes what it
// should fail is a silent hole, so its rules have tests of their own.

// caseFailure runs f on a case built from fields outside any test (so that
// the case's fatalf panics) and returns its failure message, "" if none.
func caseFailure(fields map[string]string, f func(c *refCase)) (msg string) {
	c := &refCase{Kind: "loss", fields: map[string]json.RawMessage{}}
	for k, v := range fields {
		c.fields[k] = json.RawMessage(v)
	}
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f(c)
	return ""
}

func TestRefOptionsTensor(t *testing.T) {
	tests := []struct {
		name, json string
		shape      []int
		data       []float64
		fail       string // a substring of the failure, "" for none
	}{
		{"tensor object", `{"shape": [2, 1], "data": [1, 2]}`, []int{2, 1}, []float64{1, 2}, ""},
		{"scalar object", `{"shape": [], "data": [3]}`, []int{}, []float64{3}, ""},
		{"flat list", `[1, 2, 3]`, []int{3}, []float64{1, 2, 3}, ""},
		{"nested rows", `[[1], [2], [3]]`, []int{3, 1}, []float64{1, 2, 3}, ""},
		{"nested matrix", `[[1, 2], [3, 4], [5, 6]]`, []int{3, 2}, []float64{1, 2, 3, 4, 5, 6}, ""},
		{"one row", `[[1, 2]]`, []int{1, 2}, []float64{1, 2}, ""},
		{"number", `2.5`, []int{}, []float64{2.5}, ""},
		{"null", `null`, nil, nil, ""},
		{"ragged", `[[1, 2], [3]]`, nil, nil, "ragged"},
		{"list then number", `[[1], 2]`, nil, nil, "needs a list"},
		{"number then list", `[1, [2]]`, nil, nil, "needs a number"},
		{"string", `"w"`, nil, nil, "neither a number nor a list"},
		{"string element", `[1, "2"]`, nil, nil, "neither a number nor a list"},
		{"object with extra key", `{"shape": [1], "data": [1], "dtype": "f"}`, nil, nil, "is not a tensor"},
		{"object without data", `{"shape": [1]}`, nil, nil, "is not a tensor"},
		{"object short data", `{"shape": [2, 2], "data": [1, 2, 3]}`, nil, nil, "needs 4 values, data has 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *tensor.Tensor
			fail := caseFailure(map[string]string{"options": `{"weight": ` + tt.json + `}`}, func(c *refCase) {
				o := c.options("options")
				got = o.tensor("weight")
				o.done()
			})
			switch {
			case tt.fail != "":
				if !strings.Contains(fail, tt.fail) {
					t.Fatalf("failure %q, want one mentioning %q (got tensor %v)", fail, tt.fail, got)
				}
			case fail != "":
				t.Fatalf("unexpected failure %q", fail)
			case tt.shape == nil:
				if got != nil {
					t.Fatalf("got %v, want nil", got)
				}
			default:
				if !tensor.EqualShape(got.Shape(), tt.shape) {
					t.Fatalf("shape %v, want %v", got.Shape(), tt.shape)
				}
				assertCloseSlice(t, "data", got.Data(), tt.data, 0)
			}
		})
	}
}

func TestAllowFields(t *testing.T) {
	base := map[string]string{"kind": `"loss"`, "name": `"x"`, "input": `1`}
	if msg := caseFailure(base, func(c *refCase) { c.allowFields("input", "output") }); msg != "" {
		t.Errorf("known fields: %q", msg)
	}
	extra := map[string]string{"kind": `"loss"`, "input": `1`, "weights": `1`, "zeta": `2`}
	msg := caseFailure(extra, func(c *refCase) { c.allowFields("input") })
	if !strings.Contains(msg, "unsupported fields [weights zeta]") {
		t.Errorf("unknown fields: %q", msg)
	}
}

// TestConformanceIsolatesPanics runs the conformance test in a child
// process on a folder whose first case makes nnlab panic (a BCE input
// outside [0, 1], a programmer error by nnlab's rules): that case must fail
// with the panic's message and the next case must still run and pass.
func TestConformanceIsolatesPanics(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary again")
	}
	dir := t.TempDir()
	cases := `{"cases": [
		{"kind": "loss", "name": "bad", "loss": "bce", "options": {},
		 "input": {"shape": [1], "data": [1.5]}, "target": {"shape": [1], "data": [1]},
		 "output": {"shape": [], "data": [0]}},
		{"kind": "loss", "name": "good", "loss": "mse", "options": {"reduction": "sum"},
		 "input": {"shape": [2], "data": [1, 2]}, "target": {"shape": [2], "data": [0, 0]},
		 "output": {"shape": [], "data": [5]}}
	]}`
	if err := os.WriteFile(filepath.Join(dir, "cases.json"), []byte(cases), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestConformance$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "NNLAB_REFS="+dir)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the run passed with a panicking case:\n%s", out)
	}
	for _, want := range []string{
		"--- FAIL: TestConformance/cases.json/bad",
		"panic: autograd: BCELoss: input[0] = 1.5",
		"--- PASS: TestConformance/cases.json/good",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestNewRunnersRefuse checks that the runners of issue 14's kinds fail a
// case they cannot check rather than passing it.
func TestNewRunnersRefuse(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		run    func(c *refCase)
		fail   string
	}{
		{"dropout in training mode with 0 < p < 1",
			map[string]string{"p": `0.5`, "mode": `"train"`},
			func(c *refCase) { runDropoutCase(nil, c) }, "depends on PyTorch's generator"},
		{"dropout in an unknown mode",
			map[string]string{"p": `0.5`, "mode": `"test"`},
			func(c *refCase) { runDropoutCase(nil, c) }, `mode "test"`},
		{"unknown penalty",
			map[string]string{"penalty": `"elastic"`},
			func(c *refCase) { runPenaltyCase(nil, c) }, `unknown penalty "elastic"`},
		{"regression without a metric",
			map[string]string{"y_true": `{"shape": [2], "data": [1, 2]}`, "y_pred": `{"shape": [2], "data": [1, 2]}`},
			func(c *refCase) { runRegressionCase(nil, c) }, "checks none of r2, mae, rmse"},
		{"regression with an unknown metric",
			map[string]string{"y_true": `{"shape": [2], "data": [1, 2]}`, "mape": `0`},
			func(c *refCase) { runRegressionCase(nil, c) }, "unsupported fields [mape]"},
	}
	for _, tt := range tests {
		if msg := caseFailure(tt.fields, tt.run); !strings.Contains(msg, tt.fail) {
			t.Errorf("%s: failure %q, want one mentioning %q", tt.name, msg, tt.fail)
		}
	}
}
