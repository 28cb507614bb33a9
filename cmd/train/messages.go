package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMessage bounds the bytes of one error line: a message quoting a
// column per name or a class per label stays readable, and a hostile
// input cannot fill a terminal or a log.
const maxMessage = 2000

// boundMessage cuts msg to maxMessage bytes, at a rune boundary, saying
// how much was left out.
func boundMessage(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d more bytes)", msg[:cut], len(msg)-cut)
}

// printable escapes what a terminal would act on rather than show:
// control characters (an escape sequence in a class label would recolour
// or move the cursor) and bytes that are not UTF-8, as \xNN or \uNNNN.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' }) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// boundedList joins parts with ", ", listing at most most of them and
// then how many more there are.
func boundedList(parts []string, most int) string {
	if len(parts) <= most {
		return strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(parts[:most], ", "), len(parts)-most)
}

// stdoutWriter remembers the first failed write to standard output, so
// that a command whose output went nowhere (> /dev/full, a closed pipe)
// exits 1 with a message instead of 0.
type stdoutWriter struct {
	w   io.Writer
	err error
}

func (s *stdoutWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		s.err = &stdoutError{err}
	}
	return n, s.err
}

// stdoutError is a failed write to standard output.
type stdoutError struct{ err error }

func (e *stdoutError) Error() string { return "writing to standard output: " + e.err.Error() }
func (e *stdoutError) Unwrap() error { return e.err }
