package train

import (
	"fmt"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// activationStats counts, through a forward hook, how often each hidden
// unit's pre-activation is positive: a unit that never is, over the whole
// training set, is dead (no gradient can reach its weights through ReLU).
type activationStats struct {
	remove  func()
	hidden  map[int]int // Sequential index of a hidden Dense layer -> its number (0-based)
	active  [][]int     // per hidden layer, per unit: samples with z > 0
	samples int
}

// watchActivations starts counting on every Dense layer that is followed
// by another layer (the hidden ones).
func watchActivations(m *layer.Sequential) *activationStats {
	s := &activationStats{hidden: map[int]int{}}
	idx, dense := m.DenseLayers()
	for k, i := range idx {
		if i < len(m.Layers)-1 {
			s.hidden[i] = k
			s.active = append(s.active, make([]int, dense[k].Out()))
		}
	}
	s.remove = m.RegisterForwardHook(func(i int, _ layer.Layer, z *tensor.Tensor) {
		k, ok := s.hidden[i]
		if !ok {
			return
		}
		if k == 0 { // the first hidden layer sees every batch once
			s.samples += z.Rows()
		}
		counts := s.active[k]
		cols := z.Cols()
		for r := 0; r < z.Rows(); r++ {
			for j, v := range z.Data()[r*cols : (r+1)*cols] {
				if v > 0 {
					counts[j]++
				}
			}
		}
	})
	return s
}

func (s *activationStats) stop() { s.remove() }

// values returns dead_fraction_k and activation_rate_k for every hidden
// layer k (1-based).
func (s *activationStats) values() []NamedValue {
	var out []NamedValue
	for k, counts := range s.active {
		dead, active := 0, 0
		for _, c := range counts {
			if c == 0 {
				dead++
			}
			active += c
		}
		rate := 0.0
		if s.samples > 0 {
			rate = float64(active) / float64(s.samples*len(counts))
		}
		out = append(out,
			NamedValue{fmt.Sprintf("dead_fraction_%d", k+1), float64(dead) / float64(len(counts))},
			NamedValue{fmt.Sprintf("activation_rate_%d", k+1), rate})
	}
	return out
}
