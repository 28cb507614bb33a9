//go:build !js

package train

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// newDrawer returns a terminal progress bar of total steps drawn on w.
func newDrawer(w io.Writer, total int) drawer {
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetWidth(24),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("steps"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
}
