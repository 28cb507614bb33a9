package safetensors

import (
	"errors"
	"fmt"
)

// ErrCorrupt is wrapped by every error that reports a file breaking the
// safetensors format: a bad header length, a header that is not the right
// JSON, offsets that do not tile the data section, a truncated file.
var ErrCorrupt = errors.New("corrupt safetensors file")

// ErrUnsupportedDtype is wrapped by the error for a well-formed tensor whose
// dtype nnlab cannot turn into float64 (integers, booleans, FP8, or a dtype
// this package does not know).
var ErrUnsupportedDtype = errors.New("unsupported safetensors dtype")

// formatError names the input and, when one is to blame, the tensor, so a
// user can find the problem without a hex dump.
type formatError struct {
	file   string // empty when decoding from a caller's reader
	tensor string
	hasTen bool // the empty string is a legal tensor name
	msg    string
	kind   error
}

func (e *formatError) Error() string {
	file := e.file
	if file == "" {
		file = "safetensors"
	}
	if e.hasTen {
		return fmt.Sprintf("%s: tensor %q: %s", file, e.tensor, e.msg)
	}
	return fmt.Sprintf("%s: %s", file, e.msg)
}

func (e *formatError) Unwrap() error { return e.kind }

// errorSite carries the file name, when there is one, into every error the
// decoder makes.
type errorSite struct{ file string }

func (s errorSite) corrupt(format string, args ...any) error {
	return &formatError{file: s.file, msg: fmt.Sprintf(format, args...), kind: ErrCorrupt}
}

func (s errorSite) corruptTensor(name, format string, args ...any) error {
	return &formatError{file: s.file, tensor: name, hasTen: true, msg: fmt.Sprintf(format, args...), kind: ErrCorrupt}
}

func (s errorSite) unsupported(name, format string, args ...any) error {
	return &formatError{file: s.file, tensor: name, hasTen: true, msg: fmt.Sprintf(format, args...), kind: ErrUnsupportedDtype}
}
