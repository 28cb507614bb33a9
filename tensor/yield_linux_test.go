package tensor

import (
	"bytes"
	"runtime"
	"testing"
)

// TestOSYieldKeepsItsP holds osYield to a raw system call: a goroutine
// yielding in a loop is never seen in the system-call state by 500
// goroutine dumps. In that state the runtime's monitor may take the P
// from under the call and start a new thread for it, allocating (what
// made a 2-thread training step report bytes per step). Through
// syscall.Syscall, nearly every dump would catch it there.
func TestOSYieldKeepsItsP(t *testing.T) {
	defer runtime.GOMAXPROCS(max(runtime.GOMAXPROCS(0), 2))
	stop, running := make(chan struct{}), make(chan struct{})
	go func() {
		close(running)
		for {
			select {
			case <-stop:
				return
			default:
			}
			for range 100 {
				osYield()
			}
		}
	}()
	defer close(stop)
	<-running
	buf := make([]byte, 1<<20)
	for range 500 {
		dump := buf[:runtime.Stack(buf, true)]
		for _, g := range bytes.Split(dump, []byte("\n\n")) {
			if bytes.Contains(g, []byte("TestOSYieldKeepsItsP.func")) && bytes.Contains(g, []byte("[syscall")) {
				t.Fatalf("a goroutine in osYield is in the system-call state:\n%s", g)
			}
		}
	}
}
