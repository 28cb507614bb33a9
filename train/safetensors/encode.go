package safetensors

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/atomicfile"
)

// WriteFile encodes tensors and metadata (see [Encode]) into the file at
// path, replacing it atomically through [atomicfile.Write]: readers see the
// old file or the new one, never a half-written checkpoint.
func WriteFile(path string, tensors map[string]*tensor.Tensor, metadata map[string]string) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		return Encode(w, tensors, metadata)
	})
}

// Encode writes tensors and metadata to w in the safetensors format, every
// tensor as F64. The bytes depend only on the content: tensors are laid out
// in sorted name order (the reference writer's order for a single dtype),
// metadata keys are sorted, and the header is padded with spaces to a
// multiple of 8 bytes as the reference pads it, so the data is aligned for
// memory-mapping readers. A nil or empty metadata map writes no
// "__metadata__" key.
//
// Encode refuses, before writing anything, a nil tensor, a tensor named
// "__metadata__", and names, keys or values that are not valid UTF-8 (JSON
// cannot carry them).
func Encode(w io.Writer, tensors map[string]*tensor.Tensor, metadata map[string]string) error {
	names := make([]string, 0, len(tensors))
	for name, t := range tensors {
		switch {
		case t == nil:
			return fmt.Errorf("safetensors: Encode: tensor %q is nil", name)
		case name == metadataKey:
			return fmt.Errorf("safetensors: Encode: %q is reserved for metadata and cannot name a tensor", name)
		case !utf8.ValidString(name):
			return fmt.Errorf("safetensors: Encode: tensor name %q is not valid UTF-8", name)
		}
		if _, nbytes, ok := byteCount(t.Shape(), 8); !ok || nbytes != 8*uint64(t.Len()) {
			// Only the zero Tensor gets here: shape [] means one element.
			return fmt.Errorf("safetensors: Encode: tensor %q holds %d values, not the %v its shape says", name, t.Len(), t.Shape())
		}
		names = append(names, name)
	}
	slices.Sort(names)
	keys := make([]string, 0, len(metadata))
	for k, v := range metadata {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return fmt.Errorf("safetensors: Encode: metadata %q: %q is not valid UTF-8", k, v)
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)

	hdr := header(names, tensors, keys, metadata)
	var prefix [8]byte
	binary.LittleEndian.PutUint64(prefix[:], uint64(len(hdr)))
	if _, err := w.Write(prefix[:]); err != nil {
		return fmt.Errorf("safetensors: write: %w", err)
	}
	if _, err := w.Write(hdr); err != nil {
		return fmt.Errorf("safetensors: write: %w", err)
	}
	buf := make([]byte, 64<<10)
	for _, name := range names {
		data := tensors[name].Data()
		for len(data) > 0 {
			k := min(len(buf)/8, len(data))
			for i, v := range data[:k] {
				binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(v))
			}
			if _, err := w.Write(buf[:8*k]); err != nil {
				return fmt.Errorf("safetensors: write: %w", err)
			}
			data = data[k:]
		}
	}
	return nil
}

// header builds the JSON the way serde_json prints the reference's header:
// no whitespace, "__metadata__" first, then the tensors in data order.
func header(names []string, tensors map[string]*tensor.Tensor, keys []string, metadata map[string]string) []byte {
	b := []byte{'{'}
	if len(keys) > 0 {
		b = appendString(b, metadataKey)
		b = append(b, ':', '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendString(b, metadata[k])
		}
		b = append(b, '}')
	}
	var off uint64
	for i, name := range names {
		if i > 0 || len(keys) > 0 {
			b = append(b, ',')
		}
		t := tensors[name]
		b = appendString(b, name)
		b = append(b, `:{"dtype":"F64","shape":[`...)
		for j, d := range t.Shape() {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(d), 10)
		}
		end := off + 8*uint64(t.Len())
		b = append(b, `],"data_offsets":[`...)
		b = strconv.AppendUint(b, off, 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, end, 10)
		b = append(b, ']', '}')
		off = end
	}
	b = append(b, '}')
	for len(b)%8 != 0 {
		b = append(b, ' ')
	}
	return b
}

// appendString quotes s as serde_json does: only '"', '\\' and control
// characters are escaped, the common ones by letter and the rest as \u00xx
// in lower-case hex. encoding/json would also escape <, >, & and U+2028,
// which is valid but not byte-identical to the reference.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\b':
			b = append(b, '\\', 'b')
		case c == '\f':
			b = append(b, '\\', 'f')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
