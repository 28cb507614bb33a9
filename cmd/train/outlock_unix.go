//go:build unix

package main

import (
	"errors"
	"os"
	"syscall"
)

// errLocked reports a lock held by another process.
var errLocked = errors.New("locked")

// lockDir takes an exclusive lock on the file at path, creating it, without
// waiting: a second run fails at once with errLocked. The lock is flock(2),
// so the kernel releases it when the process ends, however it ends; the
// file itself stays.
func lockDir(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
