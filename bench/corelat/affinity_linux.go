//go:build linux

package main

import "golang.org/x/sys/unix"

// allowedCPUs returns the CPUs this process may run on, in order.
func allowedCPUs() ([]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return nil, err
	}
	cpus := map[int]bool{}
	for c := 0; c < 1024; c++ {
		if set.IsSet(c) {
			cpus[c] = true
		}
	}
	return sortedKeys(cpus), nil
}

// pin binds the calling thread (locked to its goroutine) to CPU c.
func pin(c int) error {
	var set unix.CPUSet
	set.Set(c)
	return unix.SchedSetaffinity(0, &set)
}
