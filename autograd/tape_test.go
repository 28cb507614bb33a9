package autograd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// smoothStep is a stateless SliceFunc, x/(1+|x|), which passes as an
// interface without allocating.
type smoothStep struct{}

func (smoothStep) Apply(x float64) float64 { return x / (1 + math.Abs(x)) }
func (smoothStep) Derivative(x, _ float64) float64 {
	d := 1 + math.Abs(x)
	return 1 / (d * d)
}
func (s smoothStep) ApplySlice(y, x []float64) {
	for i, v := range x {
		y[i] = s.Apply(v)
	}
}
func (s smoothStep) AccumulateGrad(gx, gy, x, _ []float64) {
	for i, v := range x {
		gx[i] += gy[i] * s.Derivative(v, 0)
	}
}

// agBitsEqual fails unless got and want are the same float64s, bit for bit.
func agBitsEqual(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s[%d] = %.17g, want %.17g", what, i, got[i], want[i])
		}
	}
}

// TestTapeMatchesFreshGraphs replays random programs for many steps, once
// on a tape that is reset between steps and once as fresh heap graphs, with
// new data each step and the parameters moved by a gradient step in
// between: values and gradients must agree to the bit at every step, so
// recycled buffers carry nothing over from one step to the next.
func TestTapeMatchesFreshGraphs(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 41))
	for trial := 0; trial < 20; trial++ {
		inputs := randomInputs(rng)
		prog := randomProgram(rng, inputs, 8+rng.IntN(20))
		// Input 0 is the batch: a Const, on the tape in one run. The others
		// are parameters, one set per run.
		onTape, fresh := make([]*Var, len(inputs)), make([]*Var, len(inputs))
		for i, x := range inputs[1:] {
			onTape[i+1], fresh[i+1] = Param(x.Clone()), Param(x.Clone())
		}
		var tape Tape
		for step := 0; step < 6; step++ {
			batch := agUniform(rng, -1.5, 1.5, inputs[0].Shape()...)
			tape.Reset()
			onTape[0], fresh[0] = tape.Const(batch), Const(batch)
			ys := make([]*Var, 2)
			for k, vars := range [][]*Var{onTape, fresh} {
				for _, p := range vars[1:] {
					p.ZeroGrad()
				}
				ys[k] = prog.run(vars...)
				ys[k].Backward()
			}
			where := fmt.Sprintf("graph %d step %d", trial, step)
			agBitsEqual(t, where+" value", ys[0].Value().Data(), ys[1].Value().Data())
			for i := 1; i < len(inputs); i++ {
				if (onTape[i].Grad() == nil) != (fresh[i].Grad() == nil) {
					t.Fatalf("%s input %d: gradient on one run only", where, i)
				}
				if onTape[i].Grad() == nil {
					continue
				}
				agBitsEqual(t, fmt.Sprintf("%s grad %d", where, i), onTape[i].Grad().Data(), fresh[i].Grad().Data())
				for _, p := range []*Var{onTape[i], fresh[i]} {
					tensor.AddScaled(p.Value(), -0.05, p.Grad())
				}
			}
		}
	}
}

// tapeMLP is a small training step: a hidden layer with an activation, an
// output layer and a loss, on the tape when x is.
type tapeMLP struct {
	w1, b1, w2, b2 *Var
}

func newTapeMLP(rng *rand.Rand, in, hidden, out int) *tapeMLP {
	u := func(shape ...int) *Var { return Param(agUniform(rng, -1, 1, shape...)) }
	return &tapeMLP{u(hidden, in), u(hidden), u(out, hidden), u(out)}
}

func (m *tapeMLP) params() []*Var { return []*Var{m.w1, m.b1, m.w2, m.b2} }

// clone returns a model with copies of m's parameters.
func (m *tapeMLP) clone() *tapeMLP {
	c := func(p *Var) *Var { return Param(p.Value().Clone()) }
	return &tapeMLP{c(m.w1), c(m.b1), c(m.w2), c(m.b2)}
}

// step runs forward and backward and returns the loss.
func (m *tapeMLP) step(x *Var, target *tensor.Tensor) *Var {
	for _, p := range m.params() {
		p.ZeroGrad()
	}
	h := Elementwise(Linear(x, m.w1, m.b1), smoothStep{})
	loss := CrossEntropyLoss(Linear(h, m.w2, m.b2), target, CrossEntropyOptions{})
	loss.Backward()
	return loss
}

func agClassTargets(rng *rand.Rand, n, classes int) *tensor.Tensor {
	t := tensor.Zeros(n)
	for i := range t.Data() {
		t.Data()[i] = float64(rng.IntN(classes))
	}
	return t
}

// TestTapeFollowsShapeChanges changes the batch size from step to step,
// smaller and larger than before, as the last batch of an epoch does: the
// tape resizes its buffers in place or grows them, and every step agrees
// with a fresh graph.
func TestTapeFollowsShapeChanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	onTape := newTapeMLP(rng, 3, 5, 4)
	fresh := onTape.clone()
	var tape Tape
	for step, n := range []int{6, 6, 2, 9, 6, 1, 9} {
		x := agUniform(rng, -2, 2, n, 3)
		target := agClassTargets(rng, n, 4)
		tape.Reset()
		got := onTape.step(tape.Const(x), target)
		want := fresh.step(Const(x), target)
		agBitsEqual(t, fmt.Sprintf("step %d (batch %d) loss", step, n), got.Value().Data(), want.Value().Data())
		for i, p := range onTape.params() {
			agBitsEqual(t, fmt.Sprintf("step %d (batch %d) grad %d", step, n, i), p.Grad().Data(), fresh.params()[i].Grad().Data())
		}
	}
}

// TestTapeReset checks what Reset promises: the same step after a Reset
// gets back the same Vars and the same storage, whose old contents are
// gone; parameters' gradients are left alone and keep accumulating until
// ZeroGrad, as in PyTorch.
func TestTapeReset(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	w := Param(agUniform(rng, -1, 1, 3, 2))
	x := agUniform(rng, -1, 1, 4, 2)
	var tape Tape
	run := func() (y, loss *Var) {
		y = Linear(tape.Const(x), w, nil)
		loss = Sum(Square(y))
		loss.Backward()
		return y, loss
	}
	y1, loss1 := run()
	g1 := w.Grad().Clone()
	ySum, yData := loss1.Item(), &y1.Value().Data()[0]
	y1.Value().Data()[0] = math.NaN() // a stale value must not survive the Reset
	tape.Reset()
	y2, loss2 := run()
	if y2 != y1 || loss2 != loss1 || &y2.Value().Data()[0] != yData {
		t.Error("the same step after Reset did not reuse the tape's Vars and storage")
	}
	if loss2.Item() != ySum {
		t.Errorf("loss after Reset = %v, want %v", loss2.Item(), ySum)
	}
	agClose(t, "parameter gradient after two steps", w.Grad().Data(), agScaled(g1.Data(), 2), 1e-15)
	if y2.Grad() == nil || y2.IsLeaf() || y2.tape != &tape {
		t.Error("a result of a tape leaf is not a recorded node on the tape")
	}
}

// TestTapeInference checks that a tape leaf in inference mode records
// nothing, as Inference does, while its results still come from the tape.
func TestTapeInference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	w, b := Param(agUniform(rng, -1, 1, 3, 2)), Param(agUniform(rng, -1, 1, 3))
	x := agUniform(rng, -1, 1, 4, 2)
	var tape Tape
	y := Elementwise(Linear(tape.Inference(x), w, b), smoothStep{})
	want := Elementwise(Linear(Inference(x), w, b), smoothStep{})
	if y.RequiresGrad() || !y.IsLeaf() || !y.inference || y.tape != &tape {
		t.Errorf("inference on a tape: requiresGrad %v, leaf %v, inference %v, on tape %v",
			y.RequiresGrad(), y.IsLeaf(), y.inference, y.tape == &tape)
	}
	agBitsEqual(t, "value", y.Value().Data(), want.Value().Data())
}

// TestTapeStepAllocatesNothing is the point of the tape: once a step has
// run, running it again after Reset allocates nothing at all.
func TestTapeStepAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	m := newTapeMLP(rng, 4, 8, 3)
	x, target := agUniform(rng, -1, 1, 16, 4), agClassTargets(rng, 16, 3)
	var tape Tape
	step := func() {
		tape.Reset()
		m.step(tape.Const(x), target)
	}
	step()
	if n := testing.AllocsPerRun(50, step); n != 0 {
		t.Errorf("a step on a tape allocates %v times, want 0", n)
	}
}
