package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A SIGINT while fit waits for its data on a FIFO stops it at once: exit
// 130, nothing written.
func TestFitSignalWhileLoading(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "d.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFO:", err)
	}
	// Held open for writing, and never written: the reader blocks.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "fit", "--data", "d.csv", "--out", "run")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once the FIFO is open, the signal handler is installed.
	for !opened(cmd.Process.Pid, fifo) {
		if ctx.Err() != nil {
			t.Fatal("fit never opened the FIFO")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	want := "train fit: interrupted while reading the data; nothing was written to run\n"
	if !ok || ee.ExitCode() != exitInterrupted || stderr.String() != want {
		t.Errorf("%v, stderr %q, want exit 130 and %q", err, stderr.String(), want)
	}
	if exists(filepath.Join(dir, "run")) {
		t.Error("the interrupted run left its output directory")
	}
}

// opened reports whether process pid holds path open.
func opened(pid int, path string) bool {
	fds := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	entries, err := os.ReadDir(fds)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && strings.HasSuffix(target, path) {
			return true
		}
	}
	return false
}
