package datasets

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

func TestZZMem(t *testing.T) {
	path := os.Getenv("NNLAB_MEMCSV")
	if path == "" {
		t.Skip()
	}
	if _, err := os.Stat(path); err != nil {
		f, _ := os.Create(path)
		w := bufio.NewWriter(f)
		rng := rand.New(rand.NewPCG(1, 1))
		for j := range 20 {
			fmt.Fprintf(w, "f%d,", j)
		}
		fmt.Fprintln(w, "label")
		for range 1000000 {
			for range 20 {
				fmt.Fprintf(w, "%.6f,", rng.NormFloat64())
			}
			fmt.Fprintln(w, rng.IntN(3))
		}
		w.Flush()
		f.Close()
		t.Skip("written")
	}
	runtime.GC()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	before := ru.Maxrss
	var peak uint64
	done := make(chan bool)
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				done <- true
				return
			default:
			}
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			time.Sleep(20 * time.Millisecond)
		}
	}()
	start := time.Now()
	var d *Dataset
	var err error
	if os.Getenv("NNLAB_STREAM") != "" {
		f, _ := os.Open(path)
		d, err = ReadCSV(io.MultiReader(f), path, CSVOptions{})
		f.Close()
	} else {
		d, err = LoadCSV(path, CSVOptions{})
	}
	el := time.Since(start)
	done <- true
	<-done
	if err != nil {
		t.Fatal(err)
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	F := float64(len(d.X.Data()) * 8)
	t.Logf("rows %d time %v F %.0fMB peak heap inuse %.0fMB (%.2fF) maxrss before %dMB after %dMB (%.2fF)", d.Len(), el, F/1e6, float64(peak)/1e6, float64(peak)/F, before/1024, ru.Maxrss/1024, float64(ru.Maxrss*1024)/F)
}
