package main

import (
	"os"
	"runtime/debug"
)

// gcPercent replaces Go's default GOGC of 100 for the program. A command
// holds its data set, one large block without pointers, for its whole run;
// the default lets the heap grow to twice that before collecting, so the
// garbage of reading a CSV file alone took the peak to twice the data. A
// collection costs little here (there are few pointers to trace), and
// training allocates next to nothing, so collecting sooner is nearly free.
// bench/bigcsv measures the effect; GOGC in the environment still wins.
const gcPercent = 25

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
