package autograd

import (
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// TestOpsPanicAtTheDoor holds every exported op that constrains the shapes
// of its operands to the package's panic policy: a mismatch panics before
// any kernel runs, with a message that starts with "autograd: " and the
// op's name and shows the shapes it was handed. (Scale, Exp, Log, Square,
// Sum and Mean take any shape.)
func TestOpsPanicAtTheDoor(t *testing.T) {
	z := func(shape ...int) *Var { return Param(tensor.Zeros(shape...)) }
	zt := tensor.Zeros
	onTape := func(shape ...int) *Var { var tp Tape; return tp.Const(tensor.Zeros(shape...)) }
	tests := []struct {
		op    string
		f     func()
		shows []string // besides the op's name
	}{
		{"Add", func() { Add(z(2, 3), z(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"Add", func() { Add(onTape(2, 3), z(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"Sub", func() { Sub(z(2, 3), z(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"Mul", func() { Mul(z(2, 3), z(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"Mul", func() { Mul(onTape(4), z(4, 1)) }, []string{"[4]", "[4 1]"}},
		{"MatMul", func() { MatMul(z(2, 3), z(2, 3)) }, []string{"[2 3]"}},
		{"Linear", func() { Linear(z(2, 3), z(4, 2), z(4)) }, []string{"[2 3]", "[4 2]"}},
		{"Linear", func() { Linear(z(2, 3), z(4, 3), z(3)) }, []string{"[3]", "[4 3]"}},
		{"Reshape", func() { Reshape(z(2, 3), 4, 2) }, []string{"[4 2]", "[2 3]"}},
		{"Reshape", func() { Reshape(z(2, 3), -2, -3) }, []string{"[-2 -3]", "[2 3]"}},
		{"Elementwise", func() { Elementwise(z(2, 3), nil) }, []string{"nil", "[2 3]"}},
		{"Item", func() { _ = z(2, 3).Item() }, []string{"[2 3]"}},
		{"Backward", func() { Exp(z(2, 3)).Backward() }, []string{"[2 3]"}},
		{"BackwardWith", func() { Exp(z(2, 3)).BackwardWith(zt(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"MSELoss", func() { MSELoss(z(2, 3), zt(3, 2), ReduceMean) }, []string{"[2 3]", "[3 2]"}},
		{"BCELoss", func() { BCELoss(z(2, 3), zt(3, 2), nil, ReduceMean) }, []string{"[2 3]", "[3 2]"}},
		{"BCELoss", func() { BCELoss(z(2, 3), zt(2, 3), zt(2), ReduceMean) }, []string{"[2]", "[2 3]"}},
		{"BCEWithLogitsLoss", func() { BCEWithLogitsLoss(z(2, 3), zt(3, 2), nil, nil, ReduceMean) }, []string{"[2 3]", "[3 2]"}},
		{"BCEWithLogitsLoss", func() { BCEWithLogitsLoss(z(2, 3), zt(2, 3), zt(3, 1), nil, ReduceMean) }, []string{"[3 1]", "[2 3]"}},
		{"CrossEntropyLoss", func() { CrossEntropyLoss(z(2, 3), zt(3), CrossEntropyOptions{}) }, []string{"[3]", "[2 3]"}},
		{"CrossEntropyLoss", func() { CrossEntropyLoss(z(), zt(), CrossEntropyOptions{}) }, []string{"[]"}},
		{"NLLLoss", func() { NLLLoss(z(2, 3), zt(3), NLLOptions{}) }, []string{"[3]", "[2 3]"}},
		{"NLLLoss", func() { NLLLoss(z(2, 3), zt(2), NLLOptions{Weight: []float64{1, 2}}) }, []string{"2 values for 3 classes"}},
	}
	for _, tc := range tests {
		t.Run(tc.op, func(t *testing.T) {
			msg, ok := agPanic(tc.f)
			if !ok {
				t.Fatalf("no panic; want one from autograd: %s", tc.op)
			}
			if prefix := "autograd: " + tc.op + ":"; !strings.HasPrefix(msg, prefix) {
				t.Errorf("panic %q does not start with %q", msg, prefix)
			}
			for _, s := range tc.shows {
				if !strings.Contains(msg, s) {
					t.Errorf("panic %q does not show %q", msg, s)
				}
			}
		})
	}
}
