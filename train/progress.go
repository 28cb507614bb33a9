package train

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress draws the trainer's progress bar: steps done of all, the
// current epoch and loss, and steps per second. With no writer it does
// nothing, so a training step pays nothing for it.
type progress struct {
	bar       *progressbar.ProgressBar
	lastDesc  time.Time
	lastEpoch int
}

func newProgress(w io.Writer, total, done int) *progress {
	if w == nil {
		return &progress{}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetWidth(24),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("steps"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
	_ = bar.Set(done)
	return &progress{bar: bar, lastEpoch: -1}
}

// step advances the bar by one step; the description, which costs a
// formatted string, is refreshed only when the epoch changes or a tenth of
// a second has passed.
func (p *progress) step(epoch, epochs int, loss float64) {
	if p.bar == nil {
		return
	}
	if epoch != p.lastEpoch || time.Since(p.lastDesc) > 100*time.Millisecond {
		p.bar.Describe(fmt.Sprintf("epoch %d/%d loss %.4f", epoch+1, epochs, loss))
		p.lastDesc, p.lastEpoch = time.Now(), epoch
	}
	_ = p.bar.Add(1)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
