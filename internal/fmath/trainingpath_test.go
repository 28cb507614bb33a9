package fmath

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// trainingPath are the packages a training run executes, and the lab's
// engine, whose numbers the page shows beside native ones, relative to the
// module's root.
var trainingPath = []string{"tensor", "autograd", "layer", "optim", "datasets", "train", "train/metrics", "internal/fmath",
	"cmd/train/internal/lab/engine"}

// TestTrainingPathCallsNoMathFunction keeps math's elementary functions,
// whose bits depend on the architecture, out of the training path, and
// math/rand's NormFloat64 and ExpFloat64, which call them.
func TestTrainingPathCallsNoMathFunction(t *testing.T) {
	banned := regexp.MustCompile(`\bmath\.(Exp|Log|Log1p|Expm1|Tanh|Erf|Erfc|Hypot|Sin|Cos|Tan|Pow|Sinh|Cosh|Atan|Asin|Acos)\(|\.(NormFloat64|ExpFloat64)\(`)
	for _, dir := range trainingPath {
		files, err := filepath.Glob(filepath.Join("../..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(b), "\n") {
				if m := banned.FindString(line); m != "" && !strings.HasPrefix(strings.TrimSpace(line), "//") {
					t.Errorf("%s:%d calls %s: use internal/fmath, whose bits are the same on every architecture", f, i+1, m)
				}
			}
		}
	}
}

// fusedAllowed are the files, and in them the source text ("" for any
// line), where arm64 may fuse a multiply-add: no bit changes, or no
// training run executes the code.
var fusedAllowed = map[string]string{
	"tensor/matmul_small.go": "",                           // the plain loops, for tests and benchmarks; MatMul runs fma-go or the assembly
	"datasets/generate.go":   "return 2*rng.Float64() - 1", // u a multiple of 2⁻⁵³: the product is exact
}

// TestNoFusedMultiplyAdd compiles the training path for arm64, whose
// compiler fuses a product and a sum into one instruction wherever it
// may, and fails on every fused instruction that is not an explicit
// math.FMA: there the bits would differ from amd64's and WebAssembly's.
// A float64 conversion of the product forbids the fusion.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the training path for arm64")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	fused := regexp.MustCompile(`\((/[^:)]+):(\d+)\)\s+(FMADDD|FMSUBD|FNMADDD|FNMSUBD|FMADDS|FMSUBS|FNMADDS|FNMSUBS)\s`)
	root, _ := filepath.Abs("../..")
	for _, dir := range trainingPath {
		cmd := exec.Command(goTool, "build", "-gcflags=-S", "./"+dir)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("GOARCH=arm64 go build %s: %v\n%s", dir, err, out)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			m := fused.FindStringSubmatch(sc.Text())
			if m == nil || !strings.HasPrefix(m[1], root+"/") {
				continue
			}
			rel := strings.TrimPrefix(m[1], root+"/")
			n, _ := strconv.Atoi(m[2])
			src := sourceLine(m[1], n)
			if allow, ok := fusedAllowed[rel]; ok && strings.Contains(src, allow) {
				continue
			}
			if !strings.Contains(src, "math.FMA") {
				t.Errorf("%s:%s: arm64 fuses a multiply-add (%s) in %q", rel, m[2], m[3], strings.TrimSpace(src))
			}
		}
	}
}

// sourceLine returns line n (from 1) of file f, or "".
func sourceLine(f string, n int) string {
	b, err := os.ReadFile(f)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}
