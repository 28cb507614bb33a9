package train

import (
	"encoding/json"
	"errors"
	"math/rand/v2"

	"github.com/nnlab/nnlab/tensor"
)

// ErrFinished is returned, wrapped, by a Fit that has nothing left to do:
// the run has trained all its Epochs or early stopping ended it.
var ErrFinished = errors.New("the run is finished")

// State is where a Trainer stands: enough, with the model's and the
// optimizer's state dicts, to resume a run and end with the same bits as a
// run that never stopped.
type State struct {
	Epoch       int       `json:"epoch"`                 // epochs completed
	Step        int       `json:"step"`                  // steps completed in the current epoch
	GlobalStep  int       `json:"global_step"`           // steps completed in all
	BaseLR      float64   `json:"base_lr"`               // learning rate a Schedule scales
	RNG         []byte    `json:"rng"`                   // shuffle generator at the start of the current epoch
	DropoutRNG  []byte    `json:"dropout_rng,omitempty"` // random layers' generator now; absent without random layers
	LossSum     float64   `json:"loss_sum"`              // Σ batch loss × batch rows so far this epoch
	LossCount   int       `json:"loss_count"`
	PenaltySum  float64   `json:"penalty_sum,omitempty"` // Σ penalty × batch rows so far this epoch
	GradNormSum []float64 `json:"grad_norm_sum,omitempty"`
	Best        *float64  `json:"best,omitempty"` // early stopping: best metric so far
	BestEpoch   int       `json:"best_epoch"`     // early stopping: 1-based epoch of Best, 0 before one
	BadEpochs   int       `json:"bad_epochs"`
	Stopped     bool      `json:"stopped"` // early stopping fired
	History     *History  `json:"history"`
	// BestWeights is the network's state dict at BestEpoch, kept when
	// EarlyStopping.RestoreBest is on. A checkpoint stores it as tensors
	// (named with the prefix "best."), not in the JSON.
	BestWeights map[string]*tensor.Tensor `json:"-"`
}

// State returns a copy of the trainer's state, for a checkpoint.
func (t *Trainer) State() State {
	s := t.state
	s.RNG = append([]byte(nil), s.RNG...)
	s.DropoutRNG = nil
	if t.dropRNG != nil && t.Net != nil && t.Net.HasRandomLayers() {
		s.DropoutRNG = mustMarshal(t.dropRNG)
	}
	s.GradNormSum = append([]float64(nil), s.GradNormSum...)
	s.BestWeights = cloneTensors(s.BestWeights)
	if s.History != nil {
		raw, _ := json.Marshal(s.History)
		s.History = &History{}
		_ = json.Unmarshal(raw, s.History)
	}
	return s
}

// Restore sets the trainer's state from a checkpoint, so that the next Fit
// continues where the saved run stopped. It returns an error, and changes
// nothing, for a state no run can have produced (negative or inconsistent
// counts, a history whose length is not the epochs completed, a learning
// rate that is not one); see also Checkpoint.CheckResume. The model's and the optimizer's
// own state must be restored by the caller. It also lets a trainer
// continue after a rejected step its optimizer could not undo.
func (t *Trainer) Restore(s State) error {
	if err := s.validate(); err != nil {
		return err
	}
	p := &rand.PCG{}
	if err := p.UnmarshalBinary(s.RNG); err != nil {
		return errors.New("train: restore: corrupt shuffle generator state")
	}
	drop, err := restoreDropoutRNG(s.DropoutRNG)
	if err != nil {
		return err
	}
	if s.History == nil {
		s.History = &History{}
	}
	t.state = s
	t.rng = p
	t.dropRNG = drop
	t.started = true
	t.halfState = nil
	t.initial = nil
	return nil
}
