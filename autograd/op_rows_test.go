package autograd

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestLinearRowsIsLinearOfTheGatheredRows(t *testing.T) {
	// On 1 to 4 goroutines, small (gathered) and large (read in place)
	// products, rows repeated and out of order: the output and the
	// weight's and bias's gradients have the bits of Linear on a gathered
	// copy, and a steady-state step allocates nothing.
	oldThreads := tensor.Threads()
	defer tensor.SetThreads(oldThreads)
	for _, sh := range []struct{ n, in, out int }{{5, 7, 3}, {128, 300, 200}} {
		t.Run(fmt.Sprintf("%dx%dx%d", sh.n, sh.in, sh.out), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(81, uint64(sh.n)))
			data := tensor.RandN(rng, sh.n+9, sh.in)
			rows := make([]int, sh.n)
			for i := range rows {
				rows[i] = rng.IntN(sh.n + 9)
			}
			gathered := tensor.Zeros(sh.n, sh.in)
			tensor.GatherRows(gathered, data, rows)
			w := Param(tensor.RandN(rng, sh.out, sh.in))
			b := Param(tensor.RandN(rng, sh.out))
			up := tensor.RandN(rng, sh.n, sh.out)
			var tape Tape
			step := func(y func() *Var) (out, dw, db []float64) {
				tape.Reset()
				w.ZeroGrad()
				b.ZeroGrad()
				v := y()
				Sum(Mul(v, tape.Const(up))).Backward()
				return v.Value().Data(), w.Grad().Data(), b.Grad().Data()
			}
			for th := 1; th <= 4; th++ {
				tensor.SetThreads(th)
				wantY, wantW, wantB := step(func() *Var { return Linear(tape.Const(gathered), w, b) })
				wantY, wantW, wantB = clone(wantY), clone(wantW), clone(wantB)
				inPlace := func() *Var { return LinearRows(tape.Const(data), rows, w, b) }
				gotY, gotW, gotB := step(inPlace)
				agBitsEqual(t, fmt.Sprintf("threads=%d: output", th), gotY, wantY)
				agBitsEqual(t, fmt.Sprintf("threads=%d: weight gradient", th), gotW, wantW)
				agBitsEqual(t, fmt.Sprintf("threads=%d: bias gradient", th), gotB, wantB)
				if n := testing.AllocsPerRun(10, func() { step(inPlace) }); n != 0 {
					t.Errorf("threads=%d: %v allocations per step, want 0", th, n)
				}
			}
		})
	}
}

func clone(x []float64) []float64 { return append([]float64(nil), x...) }

func TestRowsGradientAddsIntoThePickedRows(t *testing.T) {
	// Row 1 picked twice and row 0 never: its gradient is the sum of both
	// rows' upstream gradients, row 0's is zero, as index_select's.
	x := Param(tensor.New([]float64{1, 2, 3, 4, 5, 6}, 3, 2))
	up := tensor.New([]float64{1, 10, 100, 1000, 7, 70}, 3, 2)
	y := Rows(x, []int{1, 2, 1})
	agBitsEqual(t, "Rows", y.Value().Data(), []float64{3, 4, 5, 6, 3, 4})
	Sum(Mul(y, Const(up))).Backward()
	agBitsEqual(t, "the gradient", x.Grad().Data(), []float64{0, 0, 8, 80, 100, 1000})

	res, err := GradCheck(func(in ...*Var) *Var {
		return Sum(Mul(Rows(in[0], []int{2, 0, 2}), Const(tensor.New([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3))))
	}, 0, tensor.New([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3))
	if err != nil || res.MaxRelErr > 1e-6 {
		t.Errorf("GradCheck of Rows on a 3×3 input: %v, %v", res, err)
	}
}

func TestRowsPanicNamingTheIndex(t *testing.T) {
	x, w, b := Const(tensor.Zeros(4, 3)), Param(tensor.Zeros(2, 3)), Param(tensor.Zeros(2))
	for _, tc := range []struct {
		name, want string
		f          func()
	}{
		{"Rows", "Rows: row index 4 (at 1) is outside the 4 rows", func() { Rows(x, []int{0, 4}) }},
		{"LinearRows", "LinearRows: row index -2 (at 0)", func() { LinearRows(x, []int{-2}, w, b) }},
		{"LinearRows grad", "requires a gradient", func() { LinearRows(Param(tensor.Zeros(4, 3)), []int{0}, w, b) }},
		{"LinearRows shape", "does not fit weight", func() { LinearRows(Const(tensor.Zeros(4, 2)), []int{0}, w, b) }},
		{"Rows scalar", "a scalar has no rows", func() { Rows(Const(tensor.Scalar(1)), nil) }},
	} {
		func() {
			defer func() {
				r := recover()
				if msg, _ := r.(string); !strings.Contains(msg, tc.want) {
					t.Errorf("%s: panic %v, want one containing %q", tc.name, r, tc.want)
				}
			}()
			tc.f()
		}()
	}
}
