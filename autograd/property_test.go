package autograd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// The property tests build random expression graphs from a seeded
// generator and check each one with GradCheck. A graph is a program: a list
// of steps, each an op on earlier values chosen at random, so operands are
// reused and subexpressions shared. The generator evaluates each candidate
// step on the base inputs and rejects it when its value strays out of a
// safe range (|v| > 8, or a Log argument below 0.05), so that no step sits
// near an overflow or a pole; every op is smooth, so there are no kinks.

// exprProgram is a random expression: run replays it on any inputs.
type exprProgram struct {
	steps []exprStep
	// weights reduce every value of the program to the scalar result, so
	// that each one carries a distinct upstream gradient.
	weights []*tensor.Tensor
	desc    []string
}

type exprStep func(vals []*Var) *Var

func (p *exprProgram) run(inputs ...*Var) *Var {
	vals := append([]*Var(nil), inputs...)
	for _, s := range p.steps {
		vals = append(vals, s(vals))
	}
	var out *Var
	for i, v := range vals {
		term := Sum(Mul(v, Const(p.weights[i])))
		if out == nil {
			out = term
		} else {
			out = Add(out, term)
		}
	}
	return out
}

var tanhFunc = Funcs{math.Tanh, func(_, y float64) float64 { return 1 - y*y }}

// exprGen grows a program while tracking each value's shape and its value
// at the base inputs.
type exprGen struct {
	rng   *rand.Rand
	prog  *exprProgram
	vals  []*Var // values at the base inputs, as Consts
	names []string
}

func (g *exprGen) shapeKey(i int) string { return fmt.Sprint(g.vals[i].Shape()) }

// pick returns the index of a value satisfying ok, favouring recent ones
// so that graphs grow deep as well as wide; -1 if there is none.
func (g *exprGen) pick(ok func(i int) bool) int {
	var cands []int
	for i := range g.vals {
		if ok(i) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return -1
	}
	if g.rng.IntN(2) == 0 {
		return cands[len(cands)-1-g.rng.IntN(min(3, len(cands)))]
	}
	return cands[g.rng.IntN(len(cands))]
}

func (g *exprGen) any(int) bool      { return true }
func (g *exprGen) matrix(i int) bool { return g.vals[i].Value().Dims() == 2 }

// isRowOf reports whether value j broadcasts as a row over matrix i.
func (g *exprGen) isRowOf(j, i int) bool {
	s, c := g.vals[j].Shape(), g.vals[i].Shape()[1]
	return (len(s) == 1 && s[0] == c) || (len(s) == 2 && s[0] == 1 && s[1] == c && g.vals[i].Shape()[0] > 1)
}

// try evaluates a candidate step on the base values and keeps it if its
// value is in range.
func (g *exprGen) try(name string, step exprStep, positiveArg int) bool {
	if positiveArg >= 0 {
		for _, v := range g.vals[positiveArg].Value().Data() {
			if v < 0.05 {
				return false
			}
		}
	}
	v := step(g.vals)
	for _, x := range v.Value().Data() {
		if math.IsNaN(x) || math.Abs(x) > 8 {
			return false
		}
	}
	g.prog.steps = append(g.prog.steps, step)
	g.vals = append(g.vals, v)
	g.names = append(g.names, name)
	return true
}

// grow adds one random step, retrying until a candidate is in range.
func (g *exprGen) grow() {
	for attempt := 0; attempt < 100; attempt++ {
		if g.growOnce() {
			return
		}
	}
}

func (g *exprGen) growOnce() bool {
	rng := g.rng
	switch rng.IntN(11) {
	case 0, 1: // a same-shape binary op, possibly on one value twice
		i := g.pick(g.any)
		j := g.pick(func(j int) bool { return g.shapeKey(j) == g.shapeKey(i) })
		ops := []struct {
			name string
			f    func(a, b *Var) *Var
		}{{"Add", Add}, {"Sub", Sub}, {"Mul", Mul}}
		op := ops[rng.IntN(len(ops))]
		return g.try(fmt.Sprintf("%s(v%d, v%d)", op.name, i, j), func(v []*Var) *Var { return op.f(v[i], v[j]) }, -1)
	case 2: // a row vector broadcast over a matrix
		i := g.pick(func(i int) bool {
			return g.matrix(i) && g.pick(func(j int) bool { return g.isRowOf(j, i) }) >= 0
		})
		if i < 0 {
			return false
		}
		j := g.pick(func(j int) bool { return g.isRowOf(j, i) })
		return g.try(fmt.Sprintf("Add(v%d, row v%d)", i, j), func(v []*Var) *Var { return Add(v[i], v[j]) }, -1)
	case 3:
		i, s := g.pick(g.any), math.Round(rng.Float64()*30-15)/10
		return g.try(fmt.Sprintf("Scale(v%d, %g)", i, s), func(v []*Var) *Var { return Scale(v[i], s) }, -1)
	case 4:
		i := g.pick(g.any)
		return g.try(fmt.Sprintf("tanh(v%d)", i), func(v []*Var) *Var { return Elementwise(v[i], tanhFunc) }, -1)
	case 5:
		i := g.pick(g.any)
		return g.try(fmt.Sprintf("Exp(v%d)", i), func(v []*Var) *Var { return Exp(v[i]) }, -1)
	case 6:
		i := g.pick(g.any)
		return g.try(fmt.Sprintf("Log(v%d)", i), func(v []*Var) *Var { return Log(v[i]) }, i)
	case 7:
		i := g.pick(g.any)
		return g.try(fmt.Sprintf("Square(v%d)", i), func(v []*Var) *Var { return Square(v[i]) }, -1)
	case 8: // Linear, with or without a bias
		i := g.pick(g.matrix)
		w := g.pick(func(w int) bool { return g.matrix(w) && g.vals[w].Shape()[1] == g.vals[i].Shape()[1] })
		out := g.vals[w].Shape()[0]
		b := g.pick(func(b int) bool { s := g.vals[b].Shape(); return len(s) == 1 && s[0] == out })
		if rng.IntN(3) == 0 {
			b = -1
		}
		bias := "nil"
		if b >= 0 {
			bias = fmt.Sprintf("v%d", b)
		}
		return g.try(fmt.Sprintf("Linear(v%d, v%d, %s)", i, w, bias), func(v []*Var) *Var {
			if b < 0 {
				return Linear(v[i], v[w], nil)
			}
			return Linear(v[i], v[w], v[b])
		}, -1)
	case 9:
		i := g.pick(g.matrix)
		j := g.pick(func(j int) bool { return g.matrix(j) && g.vals[j].Shape()[0] == g.vals[i].Shape()[1] })
		if j < 0 {
			return false
		}
		return g.try(fmt.Sprintf("MatMul(v%d, v%d)", i, j), func(v []*Var) *Var { return MatMul(v[i], v[j]) }, -1)
	default:
		i := g.pick(g.any)
		if rng.IntN(2) == 0 {
			return g.try(fmt.Sprintf("Sum(v%d)", i), func(v []*Var) *Var { return Sum(v[i]) }, -1)
		}
		return g.try(fmt.Sprintf("Mean(v%d)", i), func(v []*Var) *Var { return Mean(v[i]) }, -1)
	}
}

// randomProgram returns a program of steps ops on the given inputs.
func randomProgram(rng *rand.Rand, inputs []*tensor.Tensor, steps int) *exprProgram {
	g := &exprGen{rng: rng, prog: &exprProgram{}}
	for _, x := range inputs {
		g.vals = append(g.vals, Const(x))
		g.names = append(g.names, fmt.Sprintf("input %v", x.Shape()))
	}
	for len(g.prog.steps) < steps {
		g.grow()
	}
	for i, v := range g.vals {
		g.prog.weights = append(g.prog.weights, agUniform(rng, -1, 1, v.Shape()...))
		g.prog.desc = append(g.prog.desc, fmt.Sprintf("v%d = %s", i, g.names[i]))
	}
	return g.prog
}

// randomInputs returns the leaves of a program: two matrices [m, n], a row
// [n] and a row [1, n], a weight [p, n] with its bias [p], and a matrix
// [n, q], each dimension 1 to 4.
func randomInputs(rng *rand.Rand) []*tensor.Tensor {
	m, n, p, q := 1+rng.IntN(4), 1+rng.IntN(4), 1+rng.IntN(4), 1+rng.IntN(4)
	u := func(shape ...int) *tensor.Tensor { return agUniform(rng, -1.5, 1.5, shape...) }
	return []*tensor.Tensor{u(m, n), u(m, n), u(n), u(1, n), u(p, n), u(p), u(n, q)}
}

func TestRandomGraphsGradCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 7))
	for trial := 0; trial < 60; trial++ {
		inputs := randomInputs(rng)
		prog := randomProgram(rng, inputs, 8+rng.IntN(20))
		res, err := GradCheck(prog.run, 0, inputs...)
		if err != nil {
			t.Fatal(err)
		}
		if res.MaxRelErr >= 1e-6 {
			t.Errorf("graph %d: %v\n%v", trial, res, prog.desc)
		}
	}
}

// TestRandomGraphsWalkedTwice checks two properties on random graphs: a
// second Backward over the same graph adds exactly the first gradients
// again, and an inference pass gives the same value and records nothing.
func TestRandomGraphsWalkedTwice(t *testing.T) {
	rng := rand.New(rand.NewPCG(99, 1))
	for trial := 0; trial < 30; trial++ {
		inputs := randomInputs(rng)
		prog := randomProgram(rng, inputs, 8+rng.IntN(20))
		params := make([]*Var, len(inputs))
		infer := make([]*Var, len(inputs))
		for i, x := range inputs {
			params[i] = Param(x)
			infer[i] = Inference(x)
		}
		y := prog.run(params...)
		y.Backward()
		first := make([][]float64, len(params))
		for i, p := range params {
			if p.Grad() != nil {
				first[i] = append([]float64(nil), p.Grad().Data()...)
			}
		}
		y.Backward()
		for i, p := range params {
			if first[i] == nil {
				continue
			}
			agClose(t, fmt.Sprintf("graph %d input %d", trial, i), p.Grad().Data(), agScaled(first[i], 2), 1e-12)
		}
		z := prog.run(infer...)
		if z.RequiresGrad() || z.parents != [3]*Var{} {
			t.Errorf("graph %d: inference recorded a graph", trial)
		}
		agClose(t, fmt.Sprintf("graph %d inference value", trial), z.Value().Data(), y.Value().Data(), 0)
	}
}
