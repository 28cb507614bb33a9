package tensor

import (
	"bytes"
	"io"
	"runtime/trace"
	"strings"
	"testing"

	xtrace "golang.org/x/exp/trace"
)

// TestOSYieldKeepsItsP holds osYield to a raw system call: in an execution
// trace of 1000 calls, none enters the runtime's system-call state. In that
// state the runtime's monitor may take the P from under the call and start
// a new thread for it, allocating (what made a 2-thread training step
// report bytes per step). Through syscall.Syscall, every call is traced
// entering it, whatever GOMAXPROCS and the load.
func TestOSYieldKeepsItsP(t *testing.T) {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		t.Skipf("cannot trace (is the test run with -trace?): %v", err)
	}
	for range 1000 {
		osYield()
	}
	trace.Stop()
	r, err := xtrace.NewReader(&buf)
	if err != nil {
		t.Fatalf("reading the execution trace: %v", err)
	}
	inSyscall := 0
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading the execution trace: %v", err)
		}
		if ev.Kind() != xtrace.EventStateTransition {
			continue
		}
		st := ev.StateTransition()
		if st.Resource.Kind != xtrace.ResourceGoroutine {
			continue
		}
		if _, to := st.Goroutine(); to != xtrace.GoSyscall {
			continue
		}
		for f := range ev.Stack().Frames() {
			if strings.HasSuffix(f.Func, ".osYield") {
				inSyscall++
				break
			}
		}
	}
	if inSyscall > 0 {
		t.Errorf("%d of 1000 osYield calls entered the runtime's system-call state", inSyscall)
	}
}
