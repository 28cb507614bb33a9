package train

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// A wide network predicts and evaluates in chunks sized by bytes, not
// rows: with a 1 MiB budget, no layer of 1,024 units holds 4,096 rows
// (32 MiB) at once.
func TestInferenceChunkedByBytes(t *testing.T) {
	old := inferenceBudget
	inferenceBudget = 1 << 20
	defer func() { inferenceBudget = old }()
	m := testModel(t, []int{2, 1024, 1}, "relu", layer.BCEWithLogitsLoss{}, true, 1)
	if rows := chunkRows(m.Net, 2); rows*8*(2+2*1024+2) > inferenceBudget || rows < 32 {
		t.Errorf("chunkRows = %d for a layer of 1024 units and a 1 MiB budget", rows)
	}
	// Every pass's activations, layer by layer, fit in the budget.
	widest := 0
	remove := m.Net.RegisterForwardHook(func(_ int, _ layer.Layer, out *tensor.Tensor) {
		widest = max(widest, out.Rows()*out.Cols()*8)
	})
	const n = 4096
	x := tensor.Zeros(n, 2)
	x.FillNormal(rand.New(rand.NewPCG(1, 2)), 0, 1)
	probs := m.PredictProba(x)
	d := &Data{X: x, Target: tensor.Zeros(n, 1), Labels: make([]int, n)}
	ev := Evaluate(m.Net, m.Loss, d)
	remove()
	if widest > inferenceBudget/2 {
		t.Errorf("one layer's output took %d bytes, want at most half the %d-byte budget", widest, inferenceBudget)
	}
	// The chunks change the memory, not the numbers: nnlab's own kernels
	// compute each output element in the same order whatever the rows
	// around it; gonum's Dgemm and OpenBLAS block by the matrix's size, so
	// there the last bits may move (documented in docs/cli.md).
	inferenceBudget = old
	whole := m.PredictProba(x)
	wholeEv := Evaluate(m.Net, m.Loss, d)
	tol := 0.0
	if k := tensor.Kernel(); k == "gonum" || k == "openblas" {
		tol = 1e-12
	}
	for i, v := range whole.Data() {
		if math.Abs(probs.Data()[i]-v) > tol || math.Abs(ev.Probs.Data()[i]-wholeEv.Probs.Data()[i]) > tol {
			t.Fatalf("value %d differs between chunk sizes: %v and %v with kernel %s", i, probs.Data()[i], v, tensor.Kernel())
		}
	}
}
