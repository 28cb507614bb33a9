package optim

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/tensor"
)

// lrKey is the state-dict key of the learning rate, saved so that a run
// resumed after a manual SetLR continues where it left off.
const lrKey = "lr"

// StateDict returns a copy of the optimizer's state: "lr" holds the
// learning rate and, for each parameter index i that has taken a step,
// "i.step" its step counter (optimizers that count steps) and "i.<buffer>"
// each of its buffers in the parameter's shape, named as PyTorch names them
// (exp_avg, exp_avg_sq, max_exp_avg_sq, momentum_buffer, square_avg,
// grad_avg). Scalars are one-element tensors of shape [1].
func (b *base) StateDict() map[string]*tensor.Tensor {
	sd := map[string]*tensor.Tensor{lrKey: tensor.New([]float64{b.lr}, 1)}
	for i := range b.slots {
		s := &b.slots[i]
		if !s.started {
			continue
		}
		prefix := strconv.Itoa(i) + "."
		if b.hasStep {
			sd[prefix+"step"] = tensor.New([]float64{s.step}, 1)
		}
		shape := b.params[i].Value().Shape()
		for k, name := range b.bufNames {
			sd[prefix+name] = tensor.New(append([]float64(nil), s.bufs[k]...), shape...)
		}
	}
	return sd
}

// LoadStateDict replaces the optimizer's state with a copy of sd, as made
// by StateDict of an optimizer of the same kind and configuration over
// parameters of the same shapes. It returns an error, and changes nothing,
// if a key is missing or unknown, a tensor has the wrong shape, or a value
// is invalid. Parameters with no entries start afresh.
func (b *base) LoadStateDict(sd map[string]*tensor.Tensor) error {
	lrT, ok := sd[lrKey]
	if !ok {
		return fmt.Errorf("optim: %s: LoadStateDict: missing key %q", b.name, lrKey)
	}
	if lrT.Len() != 1 {
		return fmt.Errorf("optim: %s: LoadStateDict: %q has shape %v, want one element", b.name, lrKey, lrT.Shape())
	}
	if lr := lrT.Data()[0]; !(lr >= 0) || math.IsInf(lr, 1) {
		return fmt.Errorf("optim: %s: LoadStateDict: %q = %v, want a finite rate >= 0", b.name, lrKey, lr)
	}

	keys := make([]string, 0, len(sd))
	for k := range sd {
		if k != lrKey {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys) // so that the error reported first is always the same
	has := make([]bool, len(b.params))
	for _, k := range keys {
		i, name, err := b.parseKey(k)
		if err != nil {
			return err
		}
		t := sd[k]
		if name == "step" {
			if t.Len() != 1 {
				return fmt.Errorf("optim: %s: LoadStateDict: %q has shape %v, want one element", b.name, k, t.Shape())
			}
			if v := t.Data()[0]; !(v >= 0) || v != math.Trunc(v) || math.IsInf(v, 1) {
				return fmt.Errorf("optim: %s: LoadStateDict: %q = %v, want a whole number >= 0", b.name, k, v)
			}
		} else if want := b.params[i].Value().Shape(); !tensor.EqualShape(t.Shape(), want) {
			return fmt.Errorf("optim: %s: LoadStateDict: %q has shape %v, parameter %d has shape %v",
				b.name, k, t.Shape(), i, want)
		} else if j := firstNegative(t.Data()); squareBufs[name] && j >= 0 {
			return fmt.Errorf("optim: %s: LoadStateDict: %q[%d] = %v, want >= 0: it is a running mean of squares",
				b.name, k, j, t.Data()[j])
		}
		has[i] = true
	}
	// A parameter's state is all or nothing: it is created whole on the
	// parameter's first step.
	for i, h := range has {
		if !h {
			continue
		}
		for _, name := range b.keyNames() {
			if k := strconv.Itoa(i) + "." + name; sd[k] == nil {
				return fmt.Errorf("optim: %s: LoadStateDict: missing key %q", b.name, k)
			}
		}
	}

	b.lr = lrT.Data()[0]
	for i, h := range has {
		s := &b.slots[i]
		if !h {
			*s = slot{}
			continue
		}
		prefix := strconv.Itoa(i) + "."
		s.started, s.step = true, 0
		if b.hasStep {
			s.step = sd[prefix+"step"].Data()[0]
		}
		s.bufs = make([][]float64, len(b.bufNames))
		for k, name := range b.bufNames {
			s.bufs[k] = append([]float64(nil), sd[prefix+name].Data()...)
		}
	}
	return nil
}

// keyNames returns the names of one parameter's state entries.
func (b *base) keyNames() []string {
	if b.hasStep {
		return append([]string{"step"}, b.bufNames...)
	}
	return b.bufNames
}

// parseKey splits a per-parameter key "i.name" and checks that both parts
// are known to this optimizer.
func (b *base) parseKey(k string) (int, string, error) {
	idx, name, ok := strings.Cut(k, ".")
	i, err := strconv.Atoi(idx)
	if !ok || err != nil || strconv.Itoa(i) != idx {
		return 0, "", fmt.Errorf("optim: %s: LoadStateDict: unknown key %q", b.name, k)
	}
	if i < 0 || i >= len(b.params) {
		return 0, "", fmt.Errorf("optim: %s: LoadStateDict: key %q names parameter %d of %d", b.name, k, i, len(b.params))
	}
	for _, n := range b.keyNames() {
		if n == name {
			return i, name, nil
		}
	}
	return 0, "", fmt.Errorf("optim: %s: LoadStateDict: unknown key %q (this %s keeps %v per parameter)",
		b.name, k, b.name, b.keyNames())
}

// squareBufs are the buffers that average squared gradients: no update
// makes them negative or NaN, and a square root of one that is would.
var squareBufs = map[string]bool{"exp_avg_sq": true, "max_exp_avg_sq": true, "square_avg": true}

// firstNegative returns the index of the first value that is negative or
// NaN, or -1.
func firstNegative(v []float64) int {
	for i, x := range v {
		if !(x >= 0) {
			return i
		}
	}
	return -1
}
