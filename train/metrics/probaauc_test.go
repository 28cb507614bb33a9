package metrics

import (
	"errors"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestProbaAUC(t *testing.T) {
	labels := []int{0, 1, 1, 0, 1}
	two := tensor.New([]float64{0.9, 0.1, 0.3, 0.7, 0.6, 0.4, 0.2, 0.8, 0.1, 0.9}, 5, 2)
	got, err := ProbaAUC(labels, two)
	want, _ := ROCAUC(labels, []float64{0.1, 0.7, 0.4, 0.8, 0.9})
	if err != nil || got != want {
		t.Errorf("two classes: %v, %v; want %v", got, err, want)
	}
	three := tensor.New([]float64{.8, .1, .1, .2, .7, .1, .1, .2, .7, .6, .3, .1}, 4, 3)
	l3 := []int{0, 1, 2, 0}
	got, err = ProbaAUC(l3, three)
	want, _ = MacroAUCTensor(l3, three)
	if err != nil || got != want {
		t.Errorf("three classes: %v, %v; want %v", got, err, want)
	}
	if _, err := ProbaAUC([]int{1, 1, 1, 1, 1}, two); !errors.Is(err, ErrOneClass) {
		t.Errorf("one class: err %v, want ErrOneClass", err)
	}
}
