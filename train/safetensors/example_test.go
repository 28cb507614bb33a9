package safetensors_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/safetensors"
)

// Example saves two tensors with metadata and reads them back.
func Example() {
	weights := map[string]*tensor.Tensor{
		"0.weight": tensor.New([]float64{0.5, -1, 2, 0.25, 3, -0.75}, 2, 3),
		"0.bias":   tensor.New([]float64{0.1, -0.1}, 2),
	}
	var buf bytes.Buffer
	if err := safetensors.Encode(&buf, weights, map[string]string{"format": "pt"}); err != nil {
		fmt.Println(err)
		return
	}
	f, err := safetensors.Decode(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range f.Names() {
		t := f.Tensors[name]
		fmt.Println(name, t.Shape(), t.Data())
	}
	fmt.Println("format:", f.Metadata["format"])
	// Output:
	// 0.bias [2] [0.1 -0.1]
	// 0.weight [2 3] [0.5 -1 2 0.25 3 -0.75]
	// format: pt
}

// ExampleWriteFile saves a checkpoint and shows the error a damaged
// one gives.
func ExampleWriteFile() {
	dir, err := os.MkdirTemp("", "safetensors-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.safetensors")

	w := map[string]*tensor.Tensor{"0.weight": tensor.Zeros(4, 3)}
	if err := safetensors.WriteFile(path, w, nil); err != nil {
		fmt.Println(err)
		return
	}
	f, err := safetensors.ReadFile(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Tensors["0.weight"].Shape())

	// Chop the last value off: the reader notices, and says where. (The
	// temporary directory is trimmed from the message to keep the output
	// stable.)
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:len(data)-8], 0o644)
	_, err = safetensors.ReadFile(path)
	fmt.Println(strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)))
	// Output:
	// [4 3]
	// model.safetensors: tensor "0.weight": data_offsets [0 96] run past the end of the 88-byte data section (file truncated?)
}
