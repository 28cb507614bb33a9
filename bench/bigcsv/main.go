// Command bigcsv measures the CLI on a big input: it writes a CSV file of
// 1,000,000 rows of 20 numeric features and a label, runs
//
//	train fit --data big.csv --epochs 1 --out DIR
//
// with its stderr on a pseudo-terminal (so that the progress bar is drawn,
// as for a user at a terminal), and reports the run's peak resident memory
// as a multiple of the size of the numbers in float64 (rows × columns × 8
// bytes) and how the progress bar moved. It exits 1 if the multiple is not
// below -max-ratio or the bar did not move during the epoch.
//
// Run it from anywhere in the module:
//
//	go run ./bench/bigcsv                 # the figure in docs/performance.md
//	go run ./bench/bigcsv -rows 200000    # quicker
//
// The train binary is built into the temporary directory unless -train
// names one; -keep keeps that directory (the CSV and the run's outputs).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "data rows")
	cols := flag.Int("cols", 20, "feature columns (a label column is added)")
	epochs := flag.Int("epochs", 1, "epochs of training")
	batch := flag.Int("batch", 32, "rows per step")
	trainBin := flag.String("train", "", "the train binary (default: build ./cmd/train)")
	keep := flag.Bool("keep", false, "keep the temporary directory")
	maxRatio := flag.Float64("max-ratio", 3, "fail unless peak memory / (rows×cols×8) is below this")
	flag.Parse()
	if err := run(*rows, *cols, *epochs, *batch, *trainBin, *keep, *maxRatio); err != nil {
		fmt.Fprintln(os.Stderr, "bigcsv:", err)
		os.Exit(1)
	}
}

func run(rows, cols, epochs, batch int, trainBin string, keep bool, maxRatio float64) error {
	if rows < 10 || cols < 1 {
		return fmt.Errorf("want at least 10 rows and 1 column")
	}
	dir, err := os.MkdirTemp("", "bigcsv-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("directory:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	if trainBin == "" {
		if trainBin, err = buildTrain(dir); err != nil {
			return err
		}
	}
	csvPath := filepath.Join(dir, "big.csv")
	t0 := time.Now()
	size, err := writeCSV(csvPath, rows, cols)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d rows × %d features + label, %.0f MB, in %.1fs\n",
		csvPath, rows, cols, float64(size)/1e6, time.Since(t0).Seconds())

	args := []string{"fit", "--data", csvPath, "--epochs", strconv.Itoa(epochs), "--batch", strconv.Itoa(batch),
		"--out", filepath.Join(dir, "run")}
	res, err := runWatched(trainBin, args)
	if err != nil {
		return err
	}
	return res.judge(float64(rows)*float64(cols)*8, maxRatio)
}

// buildTrain builds the train command into dir and returns its path.
func buildTrain(dir string) (string, error) {
	bin := filepath.Join(dir, "train")
	build := exec.Command("go", "build", "-o", bin, "github.com/nnlab/nnlab/cmd/train")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building train: %v", err)
	}
	return bin, nil
}

// runResult is what one watched run of train fit measured.
type runResult struct {
	wall   time.Duration
	usage  *syscall.Rusage
	bar    barReport
	hasBar bool
}

// runWatched runs train with args, its stderr on a pseudo-terminal when
// one can be had so that the progress bar draws, and returns what it used.
func runWatched(trainBin string, args []string) (*runResult, error) {
	cmd := exec.Command(trainBin, args...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	master, slave, ptyErr := openPTY()
	var bar chan barReport
	if ptyErr == nil {
		cmd.Stderr = slave
		bar = make(chan barReport, 1)
	} else {
		fmt.Println("no pseudo-terminal, so no progress bar to watch:", ptyErr)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		defer func() { os.Stderr.Write(stderr.Bytes()) }()
	}
	fmt.Printf("running: train %s\n", strings.Join(args, " "))
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if ptyErr == nil {
		slave.Close() // the child holds it; reads end with EIO when it exits
		go func() { bar <- watchBar(master, t0) }()
	}
	werr := cmd.Wait()
	res := &runResult{wall: time.Since(t0), hasBar: ptyErr == nil}
	if res.hasBar {
		select {
		case res.bar = <-bar:
		case <-time.After(5 * time.Second):
			res.bar.text = "(no end of output)"
		}
		master.Close()
	}
	if werr != nil {
		return nil, fmt.Errorf("train fit: %v\nstdout:\n%s\nterminal:\n%s", werr, stdout.String(), res.bar.text)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return nil, fmt.Errorf("no resource usage on this system")
	}
	res.usage = ru
	fmt.Print(stdout.String())
	return res, nil
}

// judge prints the run's time, memory and progress bar and fails it when
// the peak memory is not below maxRatio times numbers bytes or the bar did
// not move.
func (r *runResult) judge(numbers, maxRatio float64) error {
	ru := r.usage
	peak := float64(ru.Maxrss) * 1024 // kilobytes on Linux
	ratio := peak / numbers
	fmt.Printf("wall time %.1fs, CPU %.1fs user + %.1fs system\n", r.wall.Seconds(),
		time.Duration(ru.Utime.Nano()).Seconds(), time.Duration(ru.Stime.Nano()).Seconds())
	fmt.Printf("peak RSS %.0f MB = %.2f × the numbers in float64 (%.0f MB); limit %.2f×\n",
		peak/1e6, ratio, numbers/1e6, maxRatio)
	var fail []string
	if !(ratio < maxRatio) {
		fail = append(fail, fmt.Sprintf("peak memory %.2f× is not below %.2f×", ratio, maxRatio))
	}
	if r.hasBar {
		rep := r.bar
		fmt.Printf("progress bar: %d redraws with %d distinct step counts, from %d to %d of %d steps, between %.1fs and %.1fs\n",
			rep.redraws, rep.distinct, rep.first, rep.last, rep.total, rep.firstAt.Seconds(), rep.lastAt.Seconds())
		// Moving means: several distinct counts strictly inside the run,
		// seen at different times.
		if rep.distinct < 3 || rep.last <= rep.first || rep.lastAt-rep.firstAt < 100*time.Millisecond {
			fail = append(fail, "the progress bar did not move")
		}
	}
	if len(fail) > 0 {
		return fmt.Errorf("%s", strings.Join(fail, "; "))
	}
	return nil
}

// writeCSV writes rows of cols features drawn from a fixed seed and a
// label "0" or "1" from a noisy linear rule, so that there is something to
// learn. It returns the file's size.
func writeCSV(path string, rows, cols int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	w1 := make([]float64, cols)
	for j := range w1 {
		w1[j] = rng.NormFloat64()
	}
	line := make([]byte, 0, 16*(cols+1))
	for j := range cols {
		line = append(line, 'x')
		line = strconv.AppendInt(line, int64(j+1), 10)
		line = append(line, ',')
	}
	line = append(line, "label\n"...)
	w.Write(line)
	for range rows {
		line = line[:0]
		s := rng.NormFloat64() * 0.5
		for j := range cols {
			v := rng.NormFloat64()*3 + float64(j)
			s += w1[j] * (v - float64(j))
			line = strconv.AppendFloat(line, math.Round(v*1e4)/1e4, 'f', -1, 64)
			line = append(line, ',')
		}
		if s > 0 {
			line = append(line, "1\n"...)
		} else {
			line = append(line, "0\n"...)
		}
		if _, err := w.Write(line); err != nil {
			f.Close()
			return 0, err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, err
	}
	return info.Size(), f.Close()
}

// barReport is what the terminal showed of the progress bar.
type barReport struct {
	redraws, distinct  int // redraws with a step count, and distinct counts
	first, last, total int // the first and last step counts seen, of total
	firstAt, lastAt    time.Duration
	text               string // the tail of the output, for errors
}

// stepCount matches the bar's "(done/total" count.
var stepCount = regexp.MustCompile(`\((\d+)/(\d+)`)

// watchBar reads the terminal until the program exits, noting each redraw
// of the bar (a carriage return starts one) and the step count it shows.
func watchBar(r io.Reader, start time.Time) barReport {
	var rep barReport
	var tail []byte
	buf := make([]byte, 32<<10)
	seen := map[int]bool{}
	var pending []byte
	for {
		n, err := r.Read(buf)
		now := time.Since(start)
		pending = append(pending, buf[:n]...)
		tail = append(tail, buf[:n]...)
		if len(tail) > 4096 {
			tail = tail[len(tail)-4096:]
		}
		for {
			i := bytes.IndexAny(pending, "\r\n")
			if i < 0 {
				break
			}
			if m := stepCount.FindSubmatch(pending[:i]); m != nil {
				done, _ := strconv.Atoi(string(m[1]))
				total, _ := strconv.Atoi(string(m[2]))
				rep.redraws++
				if !seen[done] {
					seen[done] = true
					rep.distinct++
				}
				if rep.redraws == 1 {
					rep.first, rep.firstAt = done, now
				}
				rep.last, rep.lastAt, rep.total = done, now, total
			}
			pending = pending[i+1:]
		}
		if err != nil {
			break
		}
	}
	rep.text = string(tail)
	return rep
}
