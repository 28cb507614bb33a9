//go:build !linux

package main

import "errors"

var errNotLinux = errors.New("CPU affinity is only implemented on Linux")

func allowedCPUs() ([]int, error) { return nil, errNotLinux }

func pin(int) error { return errNotLinux }
