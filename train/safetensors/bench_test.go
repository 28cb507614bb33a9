package safetensors

import (
	"bytes"
	"io"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// benchTensors is a small MLP's worth of weights: about 1M float64s.
func benchTensors() map[string]*tensor.Tensor {
	ts := map[string]*tensor.Tensor{}
	for i, name := range []string{"0.weight", "1.weight", "2.weight"} {
		ts[name] = tensor.Full(float64(i)+0.5, 512, 680)
	}
	return ts
}

func BenchmarkEncode(b *testing.B) {
	ts := benchTensors()
	b.SetBytes(int64(len(encode(b, ts, nil))))
	for b.Loop() {
		if err := Encode(io.Discard, ts, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	file := encode(b, benchTensors(), nil)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(file), int64(len(file))); err != nil {
			b.Fatal(err)
		}
	}
}
