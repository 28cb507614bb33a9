package train

import (
	"fmt"
	"io"
	"time"
)

// ProgressBar is a [Callback] that draws a progress bar: steps done of
// all, the current epoch and loss, and steps per second. A Trainer writes
// nothing to a terminal by itself; one line opts in:
//
//	t.Callbacks = append(t.Callbacks, train.NewProgressBar(os.Stderr))
//
// A resumed run's bar starts where the run stopped. The bar is cleared
// when Fit returns. It only watches: training with it gives the same bits
// as training without. On js/wasm, which has no terminal, it writes its
// description as a line instead of drawing (progress_js.go).
type ProgressBar struct {
	NopCallback
	w         io.Writer
	bar       drawer
	epochs    int
	lastDesc  time.Time
	lastEpoch int
}

// NewProgressBar returns a progress bar drawn on w, usually os.Stderr
// when it is a terminal.
func NewProgressBar(w io.Writer) *ProgressBar { return &ProgressBar{w: w} }

// FitStart draws the bar at the step the run starts from.
func (p *ProgressBar) FitStart(info FitInfo) error {
	p.bar = newDrawer(p.w, info.Epochs*info.StepsPerEpoch)
	p.epochs, p.lastEpoch = info.Epochs, -1
	_ = p.bar.Set(info.GlobalStep)
	return nil
}

// StepEnd advances the bar by one step; the description, which costs a
// formatted string, is refreshed only when the epoch changes or a tenth of
// a second has passed.
func (p *ProgressBar) StepEnd(s StepInfo) error {
	if s.Epoch != p.lastEpoch || time.Since(p.lastDesc) > 100*time.Millisecond {
		p.bar.Describe(fmt.Sprintf("epoch %d/%d loss %.4f", s.Epoch+1, p.epochs, s.Loss))
		p.lastDesc, p.lastEpoch = time.Now(), s.Epoch
	}
	_ = p.bar.Add(1)
	return nil
}

// FitEnd clears the bar.
func (p *ProgressBar) FitEnd(*History, error) {
	_ = p.bar.Finish()
}

// drawer is what ProgressBar needs of a bar: progressbar.ProgressBar's
// methods, or progress_js.go's lines where there is no terminal.
type drawer interface {
	Set(n int) error
	Add(n int) error
	Describe(s string)
	Finish() error
}
