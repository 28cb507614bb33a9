package fmath

import (
	"bufio"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// funcs are the package's functions by name, with math's for the
// special cases.
var funcs = map[string]struct{ f, std func(float64) float64 }{
	"Exp": {Exp, math.Exp}, "Log": {Log, math.Log}, "Log1p": {Log1p, math.Log1p},
	"Expm1": {Expm1, math.Expm1}, "Tanh": {Tanh, math.Tanh}, "Erf": {Erf, math.Erf},
	"Sin": {Sin, math.Sin}, "Cos": {Cos, math.Cos},
}

// TestPureGoBits compares every function with the bits Go's pure-Go
// math computes (testdata/pure_go.txt, made on GOOS=js GOARCH=wasm), on
// arguments where the native amd64 math differs: its assembly Exp, and
// with GOAMD64=v3 its fused multiply-adds. Calling math.Exp, or losing a
// float64 rounding, fails here.
func TestPureGoBits(t *testing.T) {
	f, err := os.Open("testdata/pure_go.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, bad := 0, 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		args, want, ok := parseCase(fields)
		if !ok {
			t.Fatalf("testdata/pure_go.txt: bad line %q", sc.Text())
		}
		n++
		var got float64
		if fields[0] == "Hypot" {
			got = Hypot(args[0], args[1])
		} else {
			got = funcs[fields[0]].f(args[0])
		}
		if math.Float64bits(got) != want {
			if bad++; bad <= 10 {
				t.Errorf("%s%v = %v (%#x), pure Go %v (%#x)", fields[0], args, got, math.Float64bits(got), math.Float64frombits(want), want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ", bad, n)
	}
	if n < 1000 {
		t.Errorf("testdata/pure_go.txt has %d cases, want the 1000 and more it was made with", n)
	}
}

// parseCase reads a line of testdata/pure_go.txt: a function name, its
// arguments' bits and the result's bits, in hexadecimal.
func parseCase(fields []string) (args []float64, want uint64, ok bool) {
	arity := 1
	if fields[0] == "Hypot" {
		arity = 2
	} else if _, known := funcs[fields[0]]; !known {
		return nil, 0, false
	}
	if len(fields) != arity+2 {
		return nil, 0, false
	}
	for _, f := range fields[1 : arity+1] {
		b, err := strconv.ParseUint(f, 16, 64)
		if err != nil {
			return nil, 0, false
		}
		args = append(args, math.Float64frombits(b))
	}
	want, err := strconv.ParseUint(fields[arity+1], 16, 64)
	return args, want, err == nil
}

// TestSpecialCases checks the edges against math, which documents them.
func TestSpecialCases(t *testing.T) {
	xs := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1,
		-math.SmallestNonzeroFloat64, 0x1p-1022, 0x1p-60, -0x1p-60, 0x1p-30,
		709.78, 709.79, -745.13, -745.14, 1e300, -1e300, 0x1p29, 0x1p29 - 1, 1e22, math.MaxFloat64, -0.999999, 100, -100, 6, -6}
	for name, fn := range funcs {
		for _, x := range xs {
			got, want := fn.f(x), fn.std(x)
			if name == "Exp" && runtime.GOARCH == "arm64" && want == 0 && got == math.SmallestNonzeroFloat64 {
				// arm64's assembly Exp underflows to 0 one step early
				// (Exp(-745.13)); the pure-Go algorithm, and amd64's
				// math, give the smallest subnormal.
				continue
			}
			if math.IsNaN(got) != math.IsNaN(want) || (!math.IsNaN(want) && math.Abs(got-want) > 2e-16*math.Abs(want)) ||
				(want == 0 && math.Signbit(got) != math.Signbit(want)) {
				t.Errorf("%s(%v) = %v, math %v", name, x, got, want)
			}
		}
	}
	// math.Log of a subnormal is wrong in amd64's assembly (Go 1.26:
	// -709.09 for the smallest one); the pure-Go algorithm is right.
	if got, want := Log(math.SmallestNonzeroFloat64), -1074*math.Ln2; math.Abs(got-want) > 1e-13 {
		t.Errorf("Log(%v) = %v, want %v", math.SmallestNonzeroFloat64, got, want)
	}
}
