package safetensors

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/nnlab/nnlab/tensor"
)

// MaxHeaderSize is the largest header this package parses, the reference
// implementation's limit: it keeps a hostile length prefix from making us
// allocate or parse gigabytes of JSON.
const MaxHeaderSize = 100_000_000

// File is the content of a safetensors file.
type File struct {
	// Tensors maps each tensor's name to its values, widened to float64.
	Tensors map[string]*tensor.Tensor
	// Metadata is the header's "__metadata__" string map, nil when absent.
	Metadata map[string]string
}

// Names returns the tensor names in sorted order, the order Encode writes.
func (f *File) Names() []string {
	names := make([]string, 0, len(f.Tensors))
	for name := range f.Tensors {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// ReadFile reads and checks the safetensors file at path. Errors name the
// path; format errors wrap [ErrCorrupt] or [ErrUnsupportedDtype].
func ReadFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError already names the file
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return decode(errorSite{file: path}, f, info.Size())
}

// Decode reads a safetensors file of size bytes from r: bytes.NewReader(b)
// and int64(len(b)) for one in memory. Nothing in the header is trusted:
// memory use is bounded by size whatever the header claims, and every
// departure from the format is an error wrapping [ErrCorrupt]. Tensors of
// dtype F64, F32, F16 and BF16 are read, widened exactly to float64; any
// other dtype is an error wrapping [ErrUnsupportedDtype] that names the
// tensor.
func Decode(r io.ReaderAt, size int64) (*File, error) {
	return decode(errorSite{}, r, size)
}

func decode(site errorSite, r io.ReaderAt, size int64) (*File, error) {
	if size < 8 {
		return nil, site.corrupt("file is %d bytes, too short for the 8-byte header length", size)
	}
	var prefix [8]byte
	if err := readFull(site, r, prefix[:], 0); err != nil {
		return nil, err
	}
	n := binary.LittleEndian.Uint64(prefix[:])
	if n > uint64(size-8) && isText(prefix[:]) {
		// A CSV or JSON file given as a model: its first bytes read as an
		// absurd header length, which would be a baffling thing to report.
		return nil, site.corrupt("not a safetensors file: it starts with the text %q", prefix[:])
	}
	if n > MaxHeaderSize {
		return nil, site.corrupt("header length %d exceeds the %d-byte limit", n, MaxHeaderSize)
	}
	if n > uint64(size-8) {
		return nil, site.corrupt("header length %d runs past the end of the %d-byte file", n, size)
	}
	hdr := make([]byte, n)
	if err := readFull(site, r, hdr, 8); err != nil {
		return nil, err
	}
	entries, metadata, err := parseHeader(site, hdr)
	if err != nil {
		return nil, err
	}
	dataStart := 8 + int64(n)
	if err := checkLayout(site, entries, uint64(size-dataStart)); err != nil {
		return nil, err
	}
	// Refuse before reading anything, so a file we cannot use costs no
	// allocation beyond its header.
	for _, e := range entries {
		if decoders[e.dtype] == nil {
			return nil, site.unsupported(e.name, "dtype %s cannot be read as float64 (want F64, F32, F16 or BF16)", e.dtype)
		}
	}

	out := &File{Tensors: make(map[string]*tensor.Tensor, len(entries)), Metadata: metadata}
	buf := make([]byte, min(64<<10, size-dataStart))
	for _, e := range entries {
		t := tensor.Zeros(e.shape...)
		if err := readTensor(site, r, dataStart, e, t.Data(), buf); err != nil {
			return nil, err
		}
		out.Tensors[e.name] = t
	}
	return out, nil
}

// checkLayout enforces what the reference's validation does: sorted by
// offset, the tensors tile the data section from byte 0 to its end with no
// gap and no overlap, and each one's byte count is its shape's product times
// its dtype's size. It sorts entries in place.
func checkLayout(site errorSite, entries []entry, dataLen uint64) error {
	slices.SortFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.begin, b.begin), cmp.Compare(a.end, b.end), cmp.Compare(a.name, b.name))
	})
	var pos uint64
	prev := -1
	for i, e := range entries {
		size, known := dtypeSize[e.dtype]
		if !known {
			return site.unsupported(e.name, "unknown dtype %q", e.dtype)
		}
		if e.end < e.begin {
			return site.corruptTensor(e.name, "data_offsets [%d %d] end before they begin", e.begin, e.end)
		}
		_, nbytes, ok := byteCount(e.shape, size)
		if !ok {
			return site.corruptTensor(e.name, "shape %v of %s overflows", e.shape, e.dtype)
		}
		if e.end-e.begin != nbytes {
			return site.corruptTensor(e.name, "data_offsets [%d %d] do not match shape %v of %s (%d bytes)",
				e.begin, e.end, e.shape, e.dtype, nbytes)
		}
		if e.end > dataLen {
			return site.corruptTensor(e.name, "data_offsets [%d %d] run past the end of the %d-byte data section (file truncated?)",
				e.begin, e.end, dataLen)
		}
		if e.begin < pos {
			p := entries[prev]
			return site.corruptTensor(e.name, "data_offsets [%d %d] overlap tensor %q at [%d %d]",
				e.begin, e.end, p.name, p.begin, p.end)
		}
		if e.begin > pos {
			return site.corruptTensor(e.name, "data_offsets [%d %d] leave data bytes [%d %d] unused; tensors must cover the data section without holes",
				e.begin, e.end, pos, e.begin)
		}
		pos = e.end
		if nbytes > 0 {
			prev = i
		}
	}
	if pos != dataLen {
		return site.corrupt("tensors cover %d bytes but the data section holds %d; they must match", pos, dataLen)
	}
	return nil
}

// readTensor fills dst from the entry's bytes through buf, a chunk at a
// time, so reading a tensor costs no second copy of its data.
func readTensor(site errorSite, r io.ReaderAt, dataStart int64, e entry, dst []float64, buf []byte) error {
	dec := decoders[e.dtype]
	size := dtypeSize[e.dtype]
	per := len(buf) / size // elements per chunk
	off := dataStart + int64(e.begin)
	for len(dst) > 0 {
		k := min(per, len(dst))
		chunk := buf[:k*size]
		if err := readFull(site, r, chunk, off); err != nil {
			return err
		}
		dec(dst[:k], chunk)
		dst = dst[k:]
		off += int64(len(chunk))
	}
	return nil
}

// readFull reads exactly len(p) bytes at off. A short read means the size we
// were given overstates the input, which for a file is truncation.
func readFull(site errorSite, r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		return site.corrupt("file ends at byte %d, before its declared size", off+int64(n))
	}
	if site.file != "" {
		return fmt.Errorf("%s: %w", site.file, err)
	}
	return fmt.Errorf("safetensors: %w", err)
}

// isText reports whether b is printable ASCII or white space, as the start
// of a text file is and a safetensors length prefix almost never is.
func isText(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 || c > 0x7e) && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}
