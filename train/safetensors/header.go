package safetensors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// metadataKey is the one header key that is not a tensor.
const metadataKey = "__metadata__"

// entry is one tensor as the header describes it, before any data is read.
type entry struct {
	name       string
	dtype      string
	shape      []int
	begin, end uint64 // data_offsets, relative to the data section
}

// headerParser walks the header JSON token by token rather than
// unmarshalling into maps, because encoding/json silently keeps the last of
// duplicate keys and the spec forbids them.
type headerParser struct {
	site errorSite
	dec  *json.Decoder
}

// parseHeader checks that hdr is a JSON object mapping tensor names to
// {"dtype", "shape", "data_offsets"} and "__metadata__" to a string map.
// The layout itself is checked later, by checkLayout.
func parseHeader(site errorSite, hdr []byte) ([]entry, map[string]string, error) {
	if !utf8.Valid(hdr) {
		return nil, nil, site.corrupt("header is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(hdr))
	dec.UseNumber()
	p := headerParser{site: site, dec: dec}

	tok, err := p.token()
	if err != nil {
		return nil, nil, err
	}
	if tok != json.Delim('{') {
		return nil, nil, site.corrupt("header is %s, not a JSON object", describe(tok))
	}
	var (
		entries  []entry
		metadata map[string]string
		seen     = make(map[string]bool)
	)
	for dec.More() {
		key, err := p.key()
		if err != nil {
			return nil, nil, err
		}
		if seen[key] {
			return nil, nil, site.corrupt("duplicate header key %q", key)
		}
		seen[key] = true
		if key == metadataKey {
			if metadata, err = p.metadata(); err != nil {
				return nil, nil, err
			}
			continue
		}
		e, err := p.tensorInfo(key)
		if err != nil {
			return nil, nil, err
		}
		entries = append(entries, e)
	}
	if _, err := p.token(); err != nil { // the closing '}'
		return nil, nil, err
	}
	// Only the spaces the reference writer pads with (or other JSON
	// whitespace) may follow the object.
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, site.corrupt("header has data after its JSON object at byte %d", end)
	}
	return entries, metadata, nil
}

// token returns the next token, turning syntax errors into ErrCorrupt errors
// that say where in the header they are.
func (p *headerParser) token() (json.Token, error) {
	tok, err := p.dec.Token()
	if err == nil {
		return tok, nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return nil, p.site.corrupt("header is not valid JSON at byte %d: %v", se.Offset, err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, p.site.corrupt("header JSON ends early")
	default:
		return nil, p.site.corrupt("header is not valid JSON: %v", err)
	}
}

// key reads an object key. The decoder only yields strings in key position;
// checking anyway keeps a decoder bug from becoming a panic on hostile input.
func (p *headerParser) key() (string, error) {
	tok, err := p.token()
	if err != nil {
		return "", err
	}
	k, ok := tok.(string)
	if !ok {
		return "", p.site.corrupt("header has %s where an object key belongs", describe(tok))
	}
	return k, nil
}

// metadata reads the value of "__metadata__": null (as serde's Option
// allows) or an object whose values are all strings.
func (p *headerParser) metadata() (map[string]string, error) {
	tok, err := p.token()
	if err != nil {
		return nil, err
	}
	if tok == nil {
		return nil, nil
	}
	if tok != json.Delim('{') {
		return nil, p.site.corrupt("%s is %s, not an object of strings", metadataKey, describe(tok))
	}
	md := make(map[string]string)
	for p.dec.More() {
		key, err := p.key()
		if err != nil {
			return nil, err
		}
		if _, dup := md[key]; dup {
			return nil, p.site.corrupt("duplicate %s key %q", metadataKey, key)
		}
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		v, ok := tok.(string)
		if !ok {
			return nil, p.site.corrupt("%s value for key %q is %s, not a string", metadataKey, key, describe(tok))
		}
		md[key] = v
	}
	_, err = p.token()
	return md, err
}

// tensorInfo reads one tensor's {"dtype", "shape", "data_offsets"}. Unknown
// fields are refused: no writer emits them, and a file carrying them is more
// likely damaged than from the future.
func (p *headerParser) tensorInfo(name string) (entry, error) {
	e := entry{name: name}
	tok, err := p.token()
	if err != nil {
		return e, err
	}
	if tok != json.Delim('{') {
		return e, p.site.corruptTensor(name, "header entry is %s, not an object", describe(tok))
	}
	var haveDtype, haveShape, haveOffsets bool
	for p.dec.More() {
		field, err := p.key()
		if err != nil {
			return e, err
		}
		switch field {
		case "dtype":
			if haveDtype {
				return e, p.site.corruptTensor(name, "duplicate field %q", field)
			}
			haveDtype = true
			tok, err := p.token()
			if err != nil {
				return e, err
			}
			s, ok := tok.(string)
			if !ok {
				return e, p.site.corruptTensor(name, "dtype is %s, not a string", describe(tok))
			}
			e.dtype = s
		case "shape":
			if haveShape {
				return e, p.site.corruptTensor(name, "duplicate field %q", field)
			}
			haveShape = true
			dims, err := p.uints(name, field)
			if err != nil {
				return e, err
			}
			e.shape = make([]int, len(dims))
			for i, d := range dims {
				if d > math.MaxInt {
					return e, p.site.corruptTensor(name, "shape dimension %d is too large", d)
				}
				e.shape[i] = int(d)
			}
		case "data_offsets":
			if haveOffsets {
				return e, p.site.corruptTensor(name, "duplicate field %q", field)
			}
			haveOffsets = true
			offs, err := p.uints(name, field)
			if err != nil {
				return e, err
			}
			if len(offs) != 2 {
				return e, p.site.corruptTensor(name, "data_offsets holds %d numbers, want 2: [begin, end]", len(offs))
			}
			e.begin, e.end = offs[0], offs[1]
		default:
			return e, p.site.corruptTensor(name, "unknown field %q", field)
		}
	}
	if _, err := p.token(); err != nil {
		return e, err
	}
	switch {
	case !haveDtype:
		return e, p.site.corruptTensor(name, "missing field \"dtype\"")
	case !haveShape:
		return e, p.site.corruptTensor(name, "missing field \"shape\"")
	case !haveOffsets:
		return e, p.site.corruptTensor(name, "missing field \"data_offsets\"")
	}
	return e, nil
}

// uints reads an array of non-negative integers that fit in 64 bits, the
// JSON the reference's usize fields accept.
func (p *headerParser) uints(name, field string) ([]uint64, error) {
	tok, err := p.token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('[') {
		return nil, p.site.corruptTensor(name, "%s is %s, not an array", field, describe(tok))
	}
	var out []uint64
	for p.dec.More() {
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		num, ok := tok.(json.Number)
		if !ok {
			return nil, p.site.corruptTensor(name, "%s holds %s, not an integer", field, describe(tok))
		}
		v, err := parseUint(string(num))
		if err != nil {
			return nil, p.site.corruptTensor(name, "%s holds %s: %v", field, num, err)
		}
		out = append(out, v)
	}
	_, err = p.token()
	return out, err
}

// parseUint accepts only plain decimal digits: JSON has already ruled out
// leading zeros, and "1.0", "1e3" or "-0" are not the integers the spec means.
func parseUint(s string) (uint64, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errors.New("not a non-negative integer")
		}
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, errors.New("overflows 64 bits")
	}
	return v, nil
}

// describe names a JSON token's kind for error messages.
func describe(tok json.Token) string {
	switch t := tok.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		if t == '{' {
			return "an object"
		}
	}
	return fmt.Sprintf("%v", tok)
}

// byteCount is the number of elements and bytes of a tensor, false when the
// running product overflows. The product is checked dimension by dimension,
// as the reference does, so [2⁴⁰, 2⁴⁰, 0] is refused although it holds
// nothing.
func byteCount(shape []int, size int) (elems, nbytes uint64, ok bool) {
	elems = 1
	for _, d := range shape {
		hi, lo := bits.Mul64(elems, uint64(d))
		if hi != 0 || lo > math.MaxInt {
			return 0, 0, false
		}
		elems = lo
	}
	hi, lo := bits.Mul64(elems, uint64(size))
	if hi != 0 || lo > math.MaxInt {
		return 0, 0, false
	}
	return elems, lo, true
}
