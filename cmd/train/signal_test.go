package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A SIGINT reaching a fit run in-process stops it with a checkpoint, as it
// does the binary (TestFitSignalSavesCheckpoint); in-process, the race
// detector sees the signal goroutine, the cancelled context and the
// trainer together. The signal is sent from beforeTrain, while runFit's
// handler is installed: it stays installed until Fit returns, and Fit of
// 100000 epochs returns only once the signal has cancelled it.
func TestFitSignalInProcess(t *testing.T) {
	t.Chdir(t.TempDir())
	old := beforeTrain
	beforeTrain = func() error { return syscall.Kill(os.Getpid(), syscall.SIGINT) }
	defer func() { beforeTrain = old }()
	var stdout, stderr strings.Builder
	code := run([]string{"fit", "--data", "spiral", "--n", "200", "--epochs", "100000", "--out", "run", "--quiet"},
		strings.NewReader(""), &stdout, &stderr)
	msg := stderr.String()
	if code != exitInterrupted || !strings.HasPrefix(msg, "interrupted at epoch ") ||
		!strings.HasSuffix(msg, "; checkpoint saved to run/checkpoint.safetensors; resume with: train fit --resume --out run\n") {
		t.Fatalf("exit %d, stderr %q", code, msg)
	}
	if _, err := os.Stat(filepath.Join("run", checkpointName)); err != nil {
		t.Error(err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q", stdout.String())
	}
}
