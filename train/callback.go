package train

// Callback is told how a Fit goes, as a Keras or Lightning callback is.
// A Trainer calls its Callbacks in order, each event after OnStep or
// OnEpoch, so callbacks compose with each other and with those funcs:
// adding one never replaces another. Embed [NopCallback] to implement only
// the methods you need. [ProgressBar] is one.
type Callback interface {
	// FitStart is called when Fit starts or resumes, before its first
	// step; an error stops Fit before any step and is returned by it.
	FitStart(FitInfo) error
	// StepEnd is called after every update; an error stops training and
	// is returned by Fit.
	StepEnd(StepInfo) error
	// EpochEnd is called after every epoch with the history so far; an
	// error stops training and is returned by Fit.
	EpochEnd(epoch int, h *History) error
	// FitEnd is called when Fit returns, whatever the reason, with the
	// history and the error Fit returns (nil on success), on every
	// callback whose FitStart returned nil.
	FitEnd(h *History, err error)
}

// FitInfo describes the run a Fit is about to train.
type FitInfo struct {
	Epochs        int // Trainer.Epochs
	StepsPerEpoch int
	// GlobalStep is the count of steps already done: 0 for a new run,
	// more when Fit continues an interrupted or restored one.
	GlobalStep int
}

// NopCallback implements [Callback] doing nothing, for embedding.
type NopCallback struct{}

// FitStart does nothing.
func (NopCallback) FitStart(FitInfo) error { return nil }

// StepEnd does nothing.
func (NopCallback) StepEnd(StepInfo) error { return nil }

// EpochEnd does nothing.
func (NopCallback) EpochEnd(int, *History) error { return nil }

// FitEnd does nothing.
func (NopCallback) FitEnd(*History, error) {}

// startCallbacks calls FitStart on the callbacks in order, stopping at the
// first error, and returns how many started.
func (t *Trainer) startCallbacks(info FitInfo) (int, error) {
	for i, c := range t.Callbacks {
		if err := c.FitStart(info); err != nil {
			return i, err
		}
	}
	return len(t.Callbacks), nil
}

// endCallbacks calls FitEnd on the first n callbacks, those started.
func (t *Trainer) endCallbacks(n int, h *History, err error) {
	for _, c := range t.Callbacks[:n] {
		c.FitEnd(h, err)
	}
}

// stepDone reports a finished step to OnStep and the callbacks.
func (t *Trainer) stepDone(info StepInfo) error {
	if t.OnStep != nil {
		if err := t.OnStep(info); err != nil {
			return err
		}
	}
	for _, c := range t.Callbacks {
		if err := c.StepEnd(info); err != nil {
			return err
		}
	}
	return nil
}

// epochDone reports a finished epoch to OnEpoch and the callbacks.
func (t *Trainer) epochDone(epoch int) error {
	if t.OnEpoch != nil {
		if err := t.OnEpoch(epoch, t.state.History); err != nil {
			return err
		}
	}
	for _, c := range t.Callbacks {
		if err := c.EpochEnd(epoch, t.state.History); err != nil {
			return err
		}
	}
	return nil
}
