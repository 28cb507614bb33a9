// Package bench_test checks the awk programs bench/run reads its
// measurements with and builds its table from, on inputs whose every
// figure is known: a wrong field, median or ratio would otherwise show
// only as a plausible-looking number in docs/performance.md.
package bench_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// runAwk runs awk with args on input (stdin when no file is named) and
// returns its output lines.
func runAwk(t *testing.T, input string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("awk", args...)
	cmd.Stdin = strings.NewReader(input)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("awk %s: %v", strings.Join(args, " "), err)
	}
	return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
}

func wantLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestGoBenchAwkReadsBenchmarkLines(t *testing.T) {
	// Lines as go test prints them (the first two copied from a run), with
	// and without the GOMAXPROCS suffix; other benchmarks and lines are
	// skipped, and a line without B/op gets "-".
	out := `goos: linux
BenchmarkStepMedium-2   	     800	   1474620 ns/op	     86802 samples/s	       0 B/op	       0 allocs/op
BenchmarkStepTiny 	 1000000	      4420 ns/op	   7238354 samples/s	       8 B/op	       0 allocs/op
BenchmarkStepTinyBatch256-2   	  100	 5 ns/op	 1 samples/s	 0 B/op	 0 allocs/op
BenchmarkStepWide-16	  60	 19992728 ns/op	 12805 samples/s
PASS
`
	got := runAwk(t, out, "-v", "r=3", "-v", "t=2", "-f", "gobench.awk")
	wantLines(t, got, []string{
		"3 go 2 medium 86802 0",
		"3 go 2 tiny 7238354 8",
		"3 go 2 wide 12805 -",
	})
}

// rounds is a rounds.txt whose ratios are known: medium at 2 threads runs
// 1.70, 1.82 and 1.67 times its 1 thread in rounds 1–3, the two 1-thread
// copies 1.90, 1.82 and 2.00 times; nnlab is 5 times PyTorch float64 in
// every round and 2 times its forced kernel; tiny has a fourth round, so
// that its median is a mean of the middle two.
const rounds = `1 go 1 tiny 10 0
2 go 1 tiny 40 0
3 go 1 tiny 20 0
4 go 1 tiny 30 16
1 go 1 medium 100 0
2 go 1 medium 110 0
3 go 1 medium 90 0
1 go 2 medium 170 0
2 go 2 medium 200 8
3 go 2 medium 150 1
1 go-copies 2 medium 190 -
2 go-copies 2 medium 200 -
3 go-copies 2 medium 180 -
1 torch-float64 1 medium 20 -
2 torch-float64 1 medium 22 -
3 torch-float64 1 medium 18 -
1 torch-float64-forced 1 medium 50 -
2 torch-float64-forced 1 medium 55 -
3 torch-float64-forced 1 medium 45 -
`

func TestTableAwkMediansAndRatios(t *testing.T) {
	got := runAwk(t, rounds, "-v", "cores=2", "-v", "forced=SkylakeX", "-f", "table.awk")
	var rows []string
	for _, l := range got {
		if strings.HasPrefix(l, "| tiny") || strings.HasPrefix(l, "| medium") || strings.HasPrefix(l, "| wide") {
			rows = append(rows, l)
		}
	}
	wantLines(t, rows, []string{
		"| tiny | 1 | 25 | 16 | 1 | - | - | - | - | - |",
		"| tiny | 1, PyTorch's SkylakeX forced | 25 | 16 |  |  | - | - | - | - |",
		"| medium | 1 | 100 | 0 | 1 | - | 20 | 5.00x (5.00–5.00) | - | - |",
		"| medium | 1, PyTorch's SkylakeX forced | 100 | 0 |  |  | 50 | 2.00x (2.00–2.00) | - | - |",
		"| medium | 2 | 170 | 8 | 1.70x (1.67–1.82) | 1.90x (1.82–2.00) | - | - | - | - |",
	})
	if !strings.Contains(strings.Join(got, "\n"), "Medians of 4 rounds") {
		t.Errorf("the table does not count 4 rounds:\n%s", strings.Join(got, "\n"))
	}
}

func TestPerRoundAwkPairsRoundTripWithSpeedUp(t *testing.T) {
	// Round 2's round trip is missing and round 3 has no 2-thread run;
	// pairs other than cpu 0 with cpu 1 are not the round's figure.
	corelat := `round 1: cpu 0 <-> cpu 1: round trip 153 ns
round 1: cpu 0 <-> cpu 2: round trip 999 ns
round 3: cpu 0 <-> cpu 1: round trip 508 ns
`
	runs := `1 go 1 medium 100 0
1 go 2 medium 182 0
1 go 1 wide 10 0
1 go 2 wide 19 0
2 go 1 medium 100 0
2 go 2 medium 150 0
3 go 1 medium 100 0
`
	dir := t.TempDir()
	writeFile(t, dir+"/corelat.txt", corelat)
	writeFile(t, dir+"/rounds.txt", runs)
	got := runAwk(t, "", "-v", "cores=2", "-f", "perround.awk", dir+"/corelat.txt", dir+"/rounds.txt")
	wantLines(t, got, []string{
		"round 1: 153 ns, medium 1.82x, wide 1.90x",
		"round 2: ? ns, medium 1.50x",
		"round 3: 508 ns",
	})
}

func writeFile(t *testing.T, name, s string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
