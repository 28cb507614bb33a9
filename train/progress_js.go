//go:build js

package train

import (
	"fmt"
	"io"
)

// newDrawer returns lines instead of a bar: js/wasm has no terminal to
// redraw, and the terminal library's Unicode width tables would add
// about 1.6 MB to a WebAssembly build such as the lab's engine.
func newDrawer(w io.Writer, total int) drawer { return &lineDrawer{w: w, total: total} }

// lineDrawer writes each new description with the step count, one line
// at a time (ProgressBar describes at most ten times a second).
type lineDrawer struct {
	w           io.Writer
	step, total int
}

func (d *lineDrawer) Set(n int) error { d.step = n; return nil }
func (d *lineDrawer) Add(n int) error { d.step += n; return nil }
func (d *lineDrawer) Finish() error   { return nil }
func (d *lineDrawer) Describe(s string) {
	fmt.Fprintf(d.w, "%s (%d/%d steps)\n", s, d.step, d.total)
}
