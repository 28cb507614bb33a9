// Command corelat measures how long a cache line takes to go from one CPU
// to another and back: two threads, pinned to two CPUs, pass a counter
// back and forth through one shared word, and the mean round trip is
// printed in nanoseconds for every pair of CPUs (at most the first 8).
//
// It tells what splitting one training step over two cores can gain. Cores
// that share a cache pass a line in some 50–150 ns; on a virtual machine
// whose two vCPUs sit on different dies (chiplets) or sockets it is 300 ns
// and more, and every block one core writes and the other reads next (a
// layer's output, a gradient) pays that, line by line. bench/run prints
// it at the start and at the end, since a virtual machine's vCPUs can move.
//
//	go run ./bench/corelat            # every pair, 200,000 round trips each
//	go run ./bench/corelat -n 1000000
//
// It is Linux-only (CPU affinity); elsewhere it says so and exits 1.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	n := flag.Int("n", 200_000, "round trips per pair")
	flag.Parse()
	cpus, err := allowedCPUs()
	if err != nil {
		fmt.Fprintln(os.Stderr, "corelat:", err)
		os.Exit(1)
	}
	if len(cpus) < 2 {
		fmt.Println("corelat: one CPU only, no pair to measure")
		return
	}
	cpus = cpus[:min(len(cpus), 8)]
	for i, a := range cpus {
		for _, b := range cpus[i+1:] {
			rt, err := roundTrip(a, b, *n)
			if err != nil {
				fmt.Fprintln(os.Stderr, "corelat:", err)
				os.Exit(1)
			}
			fmt.Printf("cpu %d <-> cpu %d: round trip %.0f ns\n", a, b, float64(rt.Nanoseconds())/float64(*n))
		}
	}
}

// roundTrip pins a thread to each of CPUs a and b and returns how long n
// round trips of a counter between them took. The counter sits alone in
// its cache line, so that only the exchange moves lines. Both sides spin,
// so it runs with GOMAXPROCS at least 2: on one P the side waiting would
// hold it until the runtime preempted it, some 10 ms a round trip.
func roundTrip(a, b, n int) (time.Duration, error) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(runtime.GOMAXPROCS(0), 2)))
	var line struct {
		_ [64]byte
		v atomic.Int64
		_ [64]byte
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	ready := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := pin(b); err != nil {
			errs <- err
			close(ready)
			return
		}
		close(ready)
		for i := int64(0); i < int64(n); i++ {
			for line.v.Load() != 2*i+1 {
			}
			line.v.Store(2*i + 2)
		}
	}()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := pin(a); err != nil {
		return 0, err
	}
	<-ready
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	start := time.Now()
	for i := int64(0); i < int64(n); i++ {
		line.v.Store(2*i + 1)
		for line.v.Load() != 2*i+2 {
		}
	}
	d := time.Since(start)
	wg.Wait()
	return d, nil
}

func sortedKeys(m map[int]bool) []int {
	var s []int
	for k := range m {
		s = append(s, k)
	}
	sort.Ints(s)
	return s
}
