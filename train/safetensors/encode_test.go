package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// encode is Encode into memory, failing the test on error.
func encode(t testing.TB, tensors map[string]*tensor.Tensor, metadata map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, tensors, metadata); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

// sameBits reports whether two tensors have equal shapes and bit-identical
// values (so NaN payloads and the sign of zero count).
func sameBits(a, b *tensor.Tensor) bool {
	if !tensor.EqualShape(a.Shape(), b.Shape()) || a.Len() != b.Len() {
		return false
	}
	for i, v := range a.Data() {
		if math.Float64bits(v) != math.Float64bits(b.Data()[i]) {
			return false
		}
	}
	return true
}

func TestRoundTrip(t *testing.T) {
	tensors := map[string]*tensor.Tensor{
		"0.weight": tensor.New([]float64{
			1, math.Copysign(0, -1), math.Inf(1), math.Inf(-1),
			math.Float64frombits(0x7ff8000000000123), // NaN with a payload
			math.SmallestNonzeroFloat64, math.MaxFloat64, 1.0 / 3,
			-2.5e-300, 6.02214076e23, 0, -1,
		}, 4, 3),
		"0.bias":     tensor.New([]float64{0.1, 0.2, 0.3}, 3),
		"scalar":     tensor.Scalar(-7.25),
		"empty":      tensor.Zeros(0, 5),
		"":           tensor.New([]float64{42}, 1, 1, 1),
		"ünïcode/名前": tensor.New([]float64{1, 2}, 2),
	}
	metadata := map[string]string{
		"format":  "pt",
		"quote":   `a "quoted" \ back\slash`,
		"control": "tab\there\nnewline\x01\x1f\x7f",
		"html":    "<b>&amp;</b>",
		"unicode": "héllo \u2028 世界",
		"":        "",
	}
	b := encode(t, tensors, metadata)
	got, err := Decode(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(got.Tensors) != len(tensors) {
		t.Fatalf("decoded %d tensors, want %d", len(got.Tensors), len(tensors))
	}
	for name, want := range tensors {
		g, ok := got.Tensors[name]
		if !ok {
			t.Errorf("tensor %q missing", name)
			continue
		}
		if !sameBits(g, want) {
			t.Errorf("tensor %q: got %v %v, want %v %v", name, g.Shape(), g.Data(), want.Shape(), want.Data())
		}
	}
	if len(got.Metadata) != len(metadata) {
		t.Errorf("metadata has %d keys, want %d", len(got.Metadata), len(metadata))
	}
	for k, v := range metadata {
		if got.Metadata[k] != v {
			t.Errorf("metadata[%q] = %q, want %q", k, got.Metadata[k], v)
		}
	}
}

func TestEncodeDeterministic(t *testing.T) {
	// Build the same content twice with different map insertion orders.
	mk := func(order []string) (map[string]*tensor.Tensor, map[string]string) {
		ts := map[string]*tensor.Tensor{}
		md := map[string]string{}
		for _, name := range order {
			ts[name] = tensor.Full(float64(len(name)), len(name), 2)
			md["k"+name] = "v" + name
		}
		return ts, md
	}
	names := []string{"layer.10", "layer.2", "a", "bb", "Z", "layer.1"}
	rev := make([]string, len(names))
	for i := range names {
		rev[i] = names[len(names)-1-i]
	}
	ts, md := mk(names)
	first := encode(t, ts, md)
	for range 5 {
		ts, md := mk(rev)
		if again := encode(t, ts, md); !bytes.Equal(first, again) {
			t.Fatal("encoding the same content twice gave different bytes")
		}
	}
	n := binary.LittleEndian.Uint64(first)
	if n%8 != 0 {
		t.Errorf("header length %d is not a multiple of 8", n)
	}
	// Names are laid out in byte order, Z before a, layer.10 before layer.2.
	hdr := string(first[8 : 8+n])
	last := -1
	for _, name := range []string{`"Z"`, `"a"`, `"bb"`, `"layer.1"`, `"layer.10"`, `"layer.2"`} {
		i := strings.Index(hdr, name+":{")
		if i <= last {
			t.Errorf("tensor %s at header byte %d, not after byte %d", name, i, last)
		}
		last = i
	}
}

// TestEncodeGolden checks every byte of a tiny file worked out by hand from
// the spec: the length prefix, the compact JSON with __metadata__ first and
// tensors in name order, the space padding, and little-endian float64s.
func TestEncodeGolden(t *testing.T) {
	tensors := map[string]*tensor.Tensor{
		"b": tensor.New([]float64{1.5, -2}, 2),
		"a": tensor.Scalar(0.25),
	}
	want := []byte{0x90, 0, 0, 0, 0, 0, 0, 0} // 138 bytes of JSON + 6 spaces = 144
	want = append(want, `{"__metadata__":{"format":"pt"},`+
		`"a":{"dtype":"F64","shape":[],"data_offsets":[0,8]},`+
		`"b":{"dtype":"F64","shape":[2],"data_offsets":[8,24]}}      `...)
	want = append(want,
		0, 0, 0, 0, 0, 0, 0xd0, 0x3f, // 0.25
		0, 0, 0, 0, 0, 0, 0xf8, 0x3f, // 1.5
		0, 0, 0, 0, 0, 0, 0x00, 0xc0, // -2
	)
	got := encode(t, tensors, map[string]string{"format": "pt"})
	if !bytes.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestEncodeMatchesReference compares with byte strings the reference Rust
// writer produces for files with no tensors (its own unit tests pin them).
func TestEncodeMatchesReference(t *testing.T) {
	tests := []struct {
		name     string
		metadata map[string]string
		want     string
	}{
		{"no metadata", nil, "\x08\x00\x00\x00\x00\x00\x00\x00{}      "},
		{"empty metadata is omitted", map[string]string{}, "\x08\x00\x00\x00\x00\x00\x00\x00{}      "},
		{"framework", map[string]string{"framework": "pt"},
			"\x28\x00\x00\x00\x00\x00\x00\x00" + `{"__metadata__":{"framework":"pt"}}` + "     "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := encode(t, nil, tt.metadata); string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEncodeStringEscapes(t *testing.T) {
	got := encode(t, nil, map[string]string{"k": "\"\\\b\f\n\r\t\x00\x1f\x7f<>&\u2028é"})
	want := `{"__metadata__":{"k":"\"\\\b\f\n\r\t\u0000\u001f` + "\x7f<>&\u2028é" + `"}}`
	if hdr := strings.TrimRight(string(got[8:]), " "); hdr != want {
		t.Errorf("header %q, want %q", hdr, want)
	}
}

func TestEncodeRejects(t *testing.T) {
	ok := tensor.Scalar(1)
	tests := []struct {
		name     string
		tensors  map[string]*tensor.Tensor
		metadata map[string]string
		want     string
	}{
		{"nil tensor", map[string]*tensor.Tensor{"w": nil}, nil, `tensor "w" is nil`},
		{"reserved name", map[string]*tensor.Tensor{"__metadata__": ok}, nil, "reserved"},
		{"bad utf8 name", map[string]*tensor.Tensor{"w\xff": ok}, nil, "not valid UTF-8"},
		{"bad utf8 metadata", nil, map[string]string{"k": "\xfe"}, "not valid UTF-8"},
		{"zero tensor", map[string]*tensor.Tensor{"z": {}}, nil, "holds 0 values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, tt.tensors, tt.metadata)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Encode error %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Encode wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

type failWriter struct{ after int }

var errDiskFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.after <= 0 {
		return 0, errDiskFull
	}
	w.after--
	return len(p), nil
}

func TestEncodeWriteError(t *testing.T) {
	ts := map[string]*tensor.Tensor{"w": tensor.Zeros(100000)}
	for after := range 4 {
		err := Encode(&failWriter{after: after}, ts, nil)
		if !errors.Is(err, errDiskFull) {
			t.Errorf("failing after %d writes: error %v, want one wrapping errDiskFull", after, err)
		}
	}
}

// TestWriteFileKeepsOldCheckpoint checks that a checkpoint that
// cannot be encoded does not destroy the one already on disk.
func TestWriteFileKeepsOldCheckpoint(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.safetensors")
	good := map[string]*tensor.Tensor{"w": tensor.New([]float64{1, 2}, 2)}
	if err := WriteFile(path, good, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	err := WriteFile(path, map[string]*tensor.Tensor{"w": nil}, nil)
	if err == nil || !strings.Contains(err.Error(), `tensor "w" is nil`) {
		t.Fatalf("error %v, want the encode error", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("a failed write changed the old checkpoint")
	}
	if ents, err := os.ReadDir(dir); err != nil || len(ents) != 1 {
		t.Errorf("directory holds %v (%v), want only the checkpoint", ents, err)
	}
	f, err := ReadFile(path)
	if err != nil || !sameBits(f.Tensors["w"], good["w"]) {
		t.Errorf("old checkpoint reads as %v, %v", f, err)
	}
}
