//go:build !purego

package tensor

import (
	"testing"

	"golang.org/x/sys/unix"
)

func TestCPULSLNamesThePinnedCPU(t *testing.T) {
	// On every CPU the test may run on (up to 8), pinned there: the
	// segment limit names that CPU, as the getcpu system call does.
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		t.Fatal(err)
	}
	if _, ok := cpuLSL(); !ok {
		t.Skip("no CPU number segment: not a Linux kernel behind the ABI")
	}
	pinned := 0
	for c := 0; c < 1024 && pinned < 8; c++ {
		if !set.IsSet(c) {
			continue
		}
		var got int
		var ok bool
		if !onCPU(t, c, func() { got, ok = cpuLSL() }) {
			continue
		}
		pinned++
		if !ok || got != c {
			t.Errorf("pinned to CPU %d: cpuLSL() = %d, %v", c, got, ok)
		}
	}
	if pinned == 0 {
		t.Skip("could not pin to any CPU")
	}
}
