package tensor

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// panicMessage runs f and returns the message it panics with, or "" and
// false if it returns normally.
func panicMessage(f func()) (msg string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, panicked = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// expectPanic fails unless f panics with a message containing every one of
// want (the operation's name and the shapes involved, say).
func expectPanic(t *testing.T, f func(), want ...string) {
	t.Helper()
	msg, ok := panicMessage(f)
	if !ok {
		t.Fatalf("no panic; want one mentioning %q", want)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("panic %q does not mention %q", msg, w)
		}
	}
}

// closeTo reports whether a and b agree to tol, relative for large values.
func closeTo(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func assertSlice(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !closeTo(got[i], want[i], tol) {
			t.Fatalf("%s[%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

func assertShape(t *testing.T, what string, got, want []int) {
	t.Helper()
	if !EqualShape(got, want) {
		t.Fatalf("%s: shape %v, want %v", what, got, want)
	}
}
