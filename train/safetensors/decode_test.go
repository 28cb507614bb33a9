package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// build lays out a file by hand: the length prefix, the header exactly as
// given (no padding added), then data.
func build(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	b = append(b, header...)
	return append(b, data...)
}

// prefixOnly is a file whose length prefix says n and which holds rest.
func prefixOnly(n uint64, rest string) []byte {
	return append(binary.LittleEndian.AppendUint64(nil, n), rest...)
}

func f32s(vs ...float32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

func u16s(vs ...uint16) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

func decodeBytes(b []byte) (*File, error) { return Decode(bytes.NewReader(b), int64(len(b))) }

// TestDecodeReferenceFiles reads files laid out byte for byte as the
// reference Rust writer lays them out in its own unit tests: F32 data, one
// header that happens to need no padding and one padded with 7 spaces.
func TestDecodeReferenceFiles(t *testing.T) {
	data := f32s(0, 1, 2, 3, 4, 5)
	tests := []struct {
		name, header, tensor string
		shape                []int
	}{
		{"unpadded", `{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}`, "attn.0", []int{1, 2, 3}},
		{"padded", `{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       `, "attn0", []int{1, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.header)%8 != 0 {
				t.Fatalf("test header is %d bytes, the reference pads to 8", len(tt.header))
			}
			f, err := decodeBytes(build(tt.header, data))
			if err != nil {
				t.Fatal(err)
			}
			want := tensor.New([]float64{0, 1, 2, 3, 4, 5}, tt.shape...)
			if got := f.Tensors[tt.tensor]; got == nil || !sameBits(got, want) {
				t.Errorf("tensor %q = %v, want %v", tt.tensor, got, want)
			}
			if f.Metadata != nil {
				t.Errorf("Metadata = %v, want nil", f.Metadata)
			}
		})
	}
}

func TestDecodeDtypes(t *testing.T) {
	tests := []struct {
		dtype string
		data  []byte
		want  []float64
	}{
		{"F32", f32s(1.5, float32(math.Copysign(0, -1)), float32(math.Inf(1)), 1e-45, 3.4028235e38),
			[]float64{1.5, math.Copysign(0, -1), math.Inf(1), float64(float32(1e-45)), float64(float32(3.4028235e38))}},
		{"F16", u16s(0x3c00, 0xc000, 0x0001, 0x03ff, 0x0400, 0x7bff, 0x7c00, 0xfc00, 0x8000, 0x3555),
			[]float64{1, -2, 0x1p-24, 1023 * 0x1p-24, 0x1p-14, 65504, math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0x1.554p-2}},
		{"BF16", u16s(0x3f80, 0xc040, 0x7f80, 0x0001, 0x3eab),
			[]float64{1, -3, math.Inf(1), float64(math.Float32frombits(1 << 16)), float64(math.Float32frombits(0x3eab0000))}},
	}
	for _, tt := range tests {
		t.Run(tt.dtype, func(t *testing.T) {
			hdr := `{"x":{"dtype":"` + tt.dtype + `","shape":[` + itoa(len(tt.want)) + `],"data_offsets":[0,` + itoa(len(tt.data)) + `]}}`
			f, err := decodeBytes(build(hdr, tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Tensors["x"]; !sameBits(got, tensor.New(tt.want, len(tt.want))) {
				t.Errorf("got %v, want %v", got.Data(), tt.want)
			}
		})
	}
	// NaNs stay NaN, and keep their sign.
	f, err := decodeBytes(build(`{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}`, u16s(0x7e00, 0xfc01)))
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range f.Tensors["h"].Data() {
		if !math.IsNaN(v) || math.Signbit(v) != (i == 1) {
			t.Errorf("F16 NaN %d decoded as %v (sign %v)", i, v, math.Signbit(v))
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestDecodeAccepts covers files that are unusual but valid per the spec.
func TestDecodeAccepts(t *testing.T) {
	f64 := func(vs ...float64) []byte {
		var b []byte
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	tests := []struct {
		name, header string
		data         []byte
		shapes       map[string][]int
		metadata     map[string]string
	}{
		{"empty object", `{}`, nil, map[string][]int{}, nil},
		{"metadata null", `{"__metadata__":null}`, nil, map[string][]int{}, nil},
		{"metadata empty", `{"__metadata__":{}}`, nil, map[string][]int{}, map[string]string{}},
		{"whitespace, any key order, out of offset order",
			" {\n\t\"b\" : {\"data_offsets\" : [8, 16], \"shape\": [1], \"dtype\": \"F64\"},\r\n" +
				`"__metadata__": {"x": "y"}, "a": {"shape": [], "dtype": "F64", "data_offsets": [0, 8]}} ` + "\n\t",
			f64(1, 2), map[string][]int{"a": {}, "b": {1}}, map[string]string{"x": "y"}},
		{"zero-size tensors anywhere",
			`{"e1":{"dtype":"F64","shape":[0],"data_offsets":[0,0]},"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},` +
				`"e2":{"dtype":"F32","shape":[3,0],"data_offsets":[8,8]},"e3":{"dtype":"F64","shape":[0,` + strconv.Itoa(math.MaxInt) + `],"data_offsets":[8,8]}}`,
			f64(3), map[string][]int{"e1": {0}, "w": {1}, "e2": {3, 0}, "e3": {0, math.MaxInt}}, nil},
		{"mixed dtypes", `{"d":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"s":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}`,
			append(f64(1), f32s(2, 3)...), map[string][]int{"d": {1}, "s": {2}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := decodeBytes(build(tt.header, tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Tensors) != len(tt.shapes) {
				t.Errorf("%d tensors, want %d", len(f.Tensors), len(tt.shapes))
			}
			for name, shape := range tt.shapes {
				if got := f.Tensors[name]; got == nil || !tensor.EqualShape(got.Shape(), shape) {
					t.Errorf("tensor %q = %v, want shape %v", name, got, shape)
				}
			}
			if (f.Metadata == nil) != (tt.metadata == nil) || len(f.Metadata) != len(tt.metadata) {
				t.Errorf("Metadata = %#v, want %#v", f.Metadata, tt.metadata)
			}
			for k, v := range tt.metadata {
				if f.Metadata[k] != v {
					t.Errorf("Metadata[%q] = %q, want %q", k, f.Metadata[k], v)
				}
			}
		})
	}
}

// hostile is one file that must be refused, with the words the error must
// contain and the sentinel it must wrap.
type hostile struct {
	name string
	file []byte
	want string
	is   error
}

func hostileFiles() []hostile {
	w := func(rest string) string { return `{"w":{"dtype":"F64",` + rest + `}}` }
	d16 := make([]byte, 16)
	return []hostile{
		{"empty file", nil, "too short", ErrCorrupt},
		{"short file", []byte("abc"), "too short", ErrCorrupt},
		{"huge header length", prefixOnly(1<<62, "{}"), "header length 4611686018427387904 exceeds the 100000000-byte limit", ErrCorrupt},
		{"max header length", prefixOnly(math.MaxUint64, "{}"), "exceeds", ErrCorrupt},
		{"header just over limit", prefixOnly(MaxHeaderSize+1, "{}"), "exceeds", ErrCorrupt},
		{"header past end of file", prefixOnly(100, `{"a":1}`), "header length 100 runs past the end of the 15-byte file", ErrCorrupt},
		{"zero header length", prefixOnly(0, ""), "ends early", ErrCorrupt},
		{"invalid utf8", build("{\"\xff\":1}", nil), "UTF-8", ErrCorrupt},
		{"truncated JSON", build(`{"w":{"dtype":`, nil), "ends early", ErrCorrupt},
		{"trailing comma", build(w(`"shape":[1],"data_offsets":[0,8],`), d16[:8]), "not valid JSON", ErrCorrupt},
		{"missing colon", build(`{"w" {}}`, nil), "not valid JSON", ErrCorrupt},
		{"missing comma", build(w(`"shape":[1 2],"data_offsets":[0,16]`), d16), "not valid JSON", ErrCorrupt},
		{"mismatched bracket", build(w(`"shape":[1},"data_offsets":[0,8]`), d16[:8]), "not valid JSON", ErrCorrupt},
		{"unquoted key", build(`{w:1}`, nil), "not valid JSON", ErrCorrupt},
		{"garbage", build(`hello`, nil), "not valid JSON", ErrCorrupt},
		{"array header", build(`[]`, nil), "header is an array, not a JSON object", ErrCorrupt},
		{"string header", build(`"x"`, nil), "not a JSON object", ErrCorrupt},
		{"null header", build(`null`, nil), "header is null", ErrCorrupt},
		{"two objects", build(`{}{}`, nil), "data after its JSON object at byte 2", ErrCorrupt},
		{"NUL padding", build("{}\x00\x00\x00\x00\x00\x00", nil), "data after", ErrCorrupt},
		{"duplicate tensor", build(`{"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}`, d16[:8]),
			`duplicate header key "w"`, ErrCorrupt},
		{"duplicate metadata", build(`{"__metadata__":{},"__metadata__":{}}`, nil), "duplicate header key", ErrCorrupt},
		{"duplicate metadata key", build(`{"__metadata__":{"a":"1","a":"2"}}`, nil), `duplicate __metadata__ key "a"`, ErrCorrupt},
		{"metadata number", build(`{"__metadata__":{"epoch":3}}`, nil), `__metadata__ value for key "epoch" is a number, not a string`, ErrCorrupt},
		{"metadata null value", build(`{"__metadata__":{"a":null}}`, nil), "is null, not a string", ErrCorrupt},
		{"metadata nested", build(`{"__metadata__":{"a":{"b":"c"}}}`, nil), "is an object, not a string", ErrCorrupt},
		{"metadata array", build(`{"__metadata__":["a"]}`, nil), "__metadata__ is an array", ErrCorrupt},
		{"metadata string", build(`{"__metadata__":"a"}`, nil), "__metadata__ is a string", ErrCorrupt},
		{"entry not object", build(`{"w":[1]}`, nil), `tensor "w": header entry is an array, not an object`, ErrCorrupt},
		{"missing dtype", build(`{"w":{"shape":[1],"data_offsets":[0,8]}}`, d16[:8]), `missing field "dtype"`, ErrCorrupt},
		{"missing shape", build(w(`"data_offsets":[0,8]`), d16[:8]), `missing field "shape"`, ErrCorrupt},
		{"missing offsets", build(w(`"shape":[1]`), d16[:8]), `missing field "data_offsets"`, ErrCorrupt},
		{"unknown field", build(w(`"shape":[1],"data_offsets":[0,8],"offsets":[0,8]`), d16[:8]), `unknown field "offsets"`, ErrCorrupt},
		{"duplicate field", build(w(`"shape":[1],"shape":[1],"data_offsets":[0,8]`), d16[:8]), `duplicate field "shape"`, ErrCorrupt},
		{"dtype number", build(`{"w":{"dtype":64,"shape":[1],"data_offsets":[0,8]}}`, d16[:8]), "dtype is a number", ErrCorrupt},
		{"shape not array", build(w(`"shape":1,"data_offsets":[0,8]`), d16[:8]), "shape is a number, not an array", ErrCorrupt},
		{"negative dim", build(w(`"shape":[-1],"data_offsets":[0,8]`), d16[:8]), "shape holds -1: not a non-negative integer", ErrCorrupt},
		{"fractional dim", build(w(`"shape":[1.0],"data_offsets":[0,8]`), d16[:8]), "not a non-negative integer", ErrCorrupt},
		{"exponent dim", build(w(`"shape":[1e0],"data_offsets":[0,8]`), d16[:8]), "not a non-negative integer", ErrCorrupt},
		{"string dim", build(w(`"shape":["1"],"data_offsets":[0,8]`), d16[:8]), "shape holds a string", ErrCorrupt},
		{"dim over 64 bits", build(w(`"shape":[18446744073709551616],"data_offsets":[0,8]`), d16[:8]), "overflows 64 bits", ErrCorrupt},
		{"dim over int", build(w(`"shape":[9223372036854775808],"data_offsets":[0,8]`), d16[:8]), "too large", ErrCorrupt},
		{"shape product overflows", build(w(`"shape":[4294967296,4294967296,0],"data_offsets":[0,0]`), nil), "shape [4294967296 4294967296 0] of F64 overflows", ErrCorrupt},
		{"byte count overflows", build(w(`"shape":[4611686018427387904],"data_offsets":[0,8]`), d16[:8]), "overflows", ErrCorrupt},
		{"one offset", build(w(`"shape":[1],"data_offsets":[8]`), d16[:8]), "data_offsets holds 1 numbers, want 2", ErrCorrupt},
		{"three offsets", build(w(`"shape":[1],"data_offsets":[0,8,16]`), d16[:8]), "data_offsets holds 3 numbers", ErrCorrupt},
		{"negative offset", build(w(`"shape":[1],"data_offsets":[-8,0]`), d16[:8]), "not a non-negative integer", ErrCorrupt},
		{"offsets reversed", build(w(`"shape":[1],"data_offsets":[8,0]`), d16[:8]), "data_offsets [8 0] end before they begin", ErrCorrupt},
		{"dtype shape disagree", build(`{"0.weight":{"dtype":"F64","shape":[4,3],"data_offsets":[0,80]}}`, make([]byte, 80)),
			`tensor "0.weight": data_offsets [0 80] do not match shape [4 3] of F64 (96 bytes)`, ErrCorrupt},
		{"F32 counted as F64", build(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}`, d16), "do not match shape [2] of F32 (8 bytes)", ErrCorrupt},
		{"offsets out of range", build(w(`"shape":[2],"data_offsets":[0,16]`), d16[:8]), "data_offsets [0 16] run past the end of the 8-byte data section", ErrCorrupt},
		{"offsets far out of range", build(w(`"shape":[1],"data_offsets":[18446744073709551600,18446744073709551608]`), d16[:8]), "run past the end", ErrCorrupt},
		{"overlapping", build(`{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F64","shape":[2],"data_offsets":[8,24]}}`, make([]byte, 24)),
			`tensor "b": data_offsets [8 24] overlap tensor "a" at [0 16]`, ErrCorrupt},
		{"aliased", build(`{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}`, d16[:8]),
			`overlap tensor "a"`, ErrCorrupt},
		{"hole between tensors", build(`{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}}`, make([]byte, 24)),
			`tensor "b": data_offsets [16 24] leave data bytes [8 16] unused`, ErrCorrupt},
		{"hole at start", build(w(`"shape":[1],"data_offsets":[8,16]`), d16), "leave data bytes [0 8] unused", ErrCorrupt},
		{"data longer than tensors", build(w(`"shape":[1],"data_offsets":[0,8]`), d16), "tensors cover 8 bytes but the data section holds 16", ErrCorrupt},
		{"data with no tensors", build(`{}`, d16), "tensors cover 0 bytes but the data section holds 16", ErrCorrupt},
		{"truncated data", build(w(`"shape":[2],"data_offsets":[0,16]`), d16[:15]), "file truncated", ErrCorrupt},
		{"integer dtype", build(`{"step":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}`, d16[:8]),
			`tensor "step": dtype I64 cannot be read as float64`, ErrUnsupportedDtype},
		{"bool dtype", build(`{"mask":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}`, d16[:2]), "dtype BOOL", ErrUnsupportedDtype},
		{"unknown dtype", build(`{"w":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}`, d16), `unknown dtype "F128"`, ErrUnsupportedDtype},
		{"lower-case dtype", build(`{"w":{"dtype":"f64","shape":[1],"data_offsets":[0,8]}}`, d16[:8]), `unknown dtype "f64"`, ErrUnsupportedDtype},
	}
}

func TestDecodeRejectsHostileFiles(t *testing.T) {
	for _, tt := range hostileFiles() {
		t.Run(tt.name, func(t *testing.T) {
			f, err := decodeBytes(tt.file)
			if err == nil {
				t.Fatalf("decoded %d tensors, want an error containing %q", len(f.Tensors), tt.want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %v", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), "safetensors: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to start with \"safetensors: \" and contain %q", err, tt.want)
			}
		})
	}
}

// TestDecodeBoundsMemory decodes files whose headers promise far more than
// they hold and checks the decoder's allocations stay near the file's size.
func TestDecodeBoundsMemory(t *testing.T) {
	files := [][]byte{
		prefixOnly(MaxHeaderSize, "{}"),
		prefixOnly(1<<40, "{}"),
		build(`{"w":{"dtype":"F64","shape":[1000000000],"data_offsets":[0,8000000000]}}`, nil),
		build(`{"w":{"dtype":"F64","shape":[100000000],"data_offsets":[0,800000000]}}`, make([]byte, 64)),
		build(`{"w":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"x":{"dtype":"F64","shape":[1000000],"data_offsets":[8,8000008]}}`, nil),
	}
	for i, file := range files {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := decodeBytes(file)
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Errorf("file %d: decoded without error", i)
		}
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(64<<10+16*len(file)); got > limit {
			t.Errorf("file %d (%d bytes): allocated %d bytes, more than %d", i, len(file), got, limit)
		}
	}
}

// shortReader claims more bytes than it has, as a file truncated while being
// read would.
func TestDecodeShortReader(t *testing.T) {
	b := encode(t, map[string]*tensor.Tensor{"w": tensor.Zeros(4)}, nil)
	_, err := Decode(bytes.NewReader(b[:len(b)-3]), int64(len(b)))
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "before its declared size") {
		t.Errorf("error %v, want ErrCorrupt about the file ending early", err)
	}
	if _, err := Decode(bytes.NewReader(b), -1); !errors.Is(err, ErrCorrupt) {
		t.Errorf("negative size: error %v, want ErrCorrupt", err)
	}
}

type brokenReader struct{}

var errDevice = errors.New("device gone")

func (brokenReader) ReadAt([]byte, int64) (int, error) { return 0, errDevice }

func TestDecodeReadError(t *testing.T) {
	_, err := Decode(brokenReader{}, 100)
	if !errors.Is(err, errDevice) || errors.Is(err, ErrCorrupt) {
		t.Errorf("error %v, want the reader's own error, not ErrCorrupt", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.safetensors")
	want := map[string]*tensor.Tensor{"0.weight": tensor.New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)}
	if err := WriteFile(path, want, map[string]string{"epoch": "3"}); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameBits(f.Tensors["0.weight"], want["0.weight"]) || f.Metadata["epoch"] != "3" {
		t.Errorf("ReadFile = %v %v", f.Tensors, f.Metadata)
	}
	if names := f.Names(); len(names) != 1 || names[0] != "0.weight" {
		t.Errorf("Names() = %v", names)
	}

	// Errors name the file.
	bad := filepath.Join(dir, "bad.safetensors")
	if err := os.WriteFile(bad, build(`{"0.weight":{"dtype":"F64","shape":[4,3],"data_offsets":[0,80]}}`, make([]byte, 80)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(bad)
	wantMsg := bad + `: tensor "0.weight": data_offsets [0 80] do not match shape [4 3] of F64 (96 bytes)`
	if err == nil || err.Error() != wantMsg || !errors.Is(err, ErrCorrupt) {
		t.Errorf("error %v, want %q wrapping ErrCorrupt", err, wantMsg)
	}
	missing := filepath.Join(dir, "missing.safetensors")
	if _, err := ReadFile(missing); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: error %v", err)
	}
}

func TestDecodeTextFile(t *testing.T) {
	text := []byte("sepal_length,sepal_width,species\n5.1,3.5,setosa\n")
	_, err := Decode(bytes.NewReader(text), int64(len(text)))
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), `not a safetensors file: it starts with the text "sepal_le"`) {
		t.Errorf("got %v", err)
	}
}
