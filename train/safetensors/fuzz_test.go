package safetensors

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// FuzzDecode feeds arbitrary bytes to Decode. It must never panic, every
// error must be a format error (an in-memory reader cannot fail), and what
// it accepts must survive Encode and Decode again bit for bit.
func FuzzDecode(f *testing.F) {
	for _, h := range hostileFiles() {
		f.Add(h.file)
	}
	f.Add(build(`{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}`, f32s(0, 1, 2, 3, 4, 5)))
	f.Add(build(`{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]}}`, u16s(0x3c00, 0x7e00, 0x3f80)))
	var buf bytes.Buffer
	Encode(&buf, map[string]*tensor.Tensor{
		"a": tensor.New([]float64{1, math.NaN(), -0.5}, 3, 1),
		"b": tensor.Scalar(2),
		"e": tensor.Zeros(0),
	}, map[string]string{"format": "pt", "epoch": "7"})
	f.Add(buf.Bytes())

	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := decodeBytes(b)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupportedDtype) {
				t.Fatalf("error %v wraps neither ErrCorrupt nor ErrUnsupportedDtype", err)
			}
			return
		}
		elems := 0
		for _, ten := range file.Tensors {
			elems += ten.Len()
		}
		if 2*elems > len(b) { // every element took at least 2 bytes of input
			t.Fatalf("%d bytes of input decoded to %d elements", len(b), elems)
		}
		var out bytes.Buffer
		if err := Encode(&out, file.Tensors, file.Metadata); err != nil {
			t.Fatalf("re-encoding what Decode accepted: %v", err)
		}
		again, err := decodeBytes(out.Bytes())
		if err != nil {
			t.Fatalf("decoding what Encode wrote: %v", err)
		}
		if len(again.Tensors) != len(file.Tensors) || len(again.Metadata) != len(file.Metadata) {
			t.Fatalf("round trip changed %d tensors/%d keys to %d/%d",
				len(file.Tensors), len(file.Metadata), len(again.Tensors), len(again.Metadata))
		}
		for name, ten := range file.Tensors {
			if !sameBits(ten, again.Tensors[name]) {
				t.Fatalf("round trip changed tensor %q", name)
			}
		}
		for k, v := range file.Metadata {
			if again.Metadata[k] != v {
				t.Fatalf("round trip changed metadata %q", k)
			}
		}
	})
}
