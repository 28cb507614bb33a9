package layer

import "math/rand/v2"

// Train puts s and every layer in it that has modes in training mode, as
// PyTorch's model.train(): Dropout drops. A new Sequential is in training
// mode.
func (s *Sequential) Train() { s.SetTraining(true) }

// Eval puts s and every layer in it that has modes in evaluation mode, as
// PyTorch's model.eval(): Dropout passes its input through. Predict always
// runs in evaluation mode.
func (s *Sequential) Eval() { s.SetTraining(false) }

// SetTraining switches s and every ModeLayer in it, nested Sequentials
// included, to training (true) or evaluation mode, making a Sequential a
// ModeLayer itself.
func (s *Sequential) SetTraining(training bool) {
	s.eval = !training
	for _, l := range s.Layers {
		if m, ok := l.(ModeLayer); ok {
			m.SetTraining(training)
		}
	}
}

// Training reports whether s is in training mode, as PyTorch's
// model.training.
func (s *Sequential) Training() bool { return !s.eval }

// SetSource hands src to every RandomLayer in s, nested Sequentials
// included, making a Sequential a RandomLayer itself. The layers draw from
// it in the order of the forward pass.
func (s *Sequential) SetSource(src rand.Source) {
	for _, l := range s.Layers {
		if r, ok := l.(RandomLayer); ok {
			r.SetSource(src)
		}
	}
}

// HasRandomLayers reports whether any layer of s, nested Sequentials
// included, is a RandomLayer that would draw random numbers.
func (s *Sequential) HasRandomLayers() bool {
	for _, l := range s.Layers {
		if inner, ok := l.(*Sequential); ok {
			if inner.HasRandomLayers() {
				return true
			}
		} else if _, ok := l.(RandomLayer); ok {
			return true
		}
	}
	return false
}

// HasModeLayers reports whether some layer of s, nested Sequentials
// included, is a ModeLayer, whose output depends on the mode.
func (s *Sequential) HasModeLayers() bool {
	for _, l := range s.Layers {
		if inner, ok := l.(*Sequential); ok {
			if inner.HasModeLayers() {
				return true
			}
		} else if _, ok := l.(ModeLayer); ok {
			return true
		}
	}
	return false
}
