//go:build !unix

package main

import (
	"errors"
	"os"
)

// errLocked reports a lock held by another process.
var errLocked = errors.New("locked")

// lockDir creates the lock file but, without flock(2), cannot lock it: two
// runs into one directory are not kept apart on this system.
func lockDir(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return func() { f.Close() }, nil
}
