package layer

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// LossSpec describes a registered loss: its name, a line of documentation
// and a constructor.
type LossSpec struct {
	// Name is the loss's stable name: lower-case letters, digits and
	// underscores, by convention the snake_case of PyTorch's class without
	// "Loss" ("bce_with_logits" for nn.BCEWithLogitsLoss).
	Name string
	Doc  string
	// New returns the loss with PyTorch's default settings. Its Name is
	// the spec's Name.
	New func() Loss
}

var (
	lossMu sync.RWMutex
	losses = map[string]LossSpec{}
)

func init() {
	for _, s := range []LossSpec{
		{Name: "mse", Doc: "nn.MSELoss: squared error", New: func() Loss { return MSELoss{} }},
		{Name: "l1", Doc: "nn.L1Loss: absolute error", New: func() Loss { return L1Loss{} }},
		{Name: "huber", Doc: "nn.HuberLoss: squared error below delta = 1, linear beyond",
			New: func() Loss { return NewHuberLoss() }},
		{Name: "smooth_l1", Doc: "nn.SmoothL1Loss: the Huber loss divided by beta = 1",
			New: func() Loss { return NewSmoothL1Loss() }},
		{Name: "bce", Doc: "nn.BCELoss: binary cross-entropy of probabilities (the network ends in a sigmoid)",
			New: func() Loss { return BCELoss{} }},
		{Name: "bce_with_logits", Doc: "nn.BCEWithLogitsLoss: binary cross-entropy of sigmoid(logits)",
			New: func() Loss { return BCEWithLogitsLoss{} }},
		{Name: "cross_entropy", Doc: "nn.CrossEntropyLoss: softmax cross-entropy of logits against class indices",
			New: func() Loss { return CrossEntropyLoss{} }},
		{Name: "nll", Doc: "nn.NLLLoss: negative log-likelihood of class indices under log-probabilities",
			New: func() Loss { return NLLLoss{} }},
	} {
		RegisterLoss(s)
	}
}

// RegisterLoss makes a loss available to ParseLoss under spec.Name,
// replacing any earlier one of that name, so that a model trained with it
// can be saved and loaded. It panics, a programmer error, if the name is
// not lower-case letters, digits and underscores, if New is nil, or if the
// loss New returns does not implement NamedLoss with that name.
func RegisterLoss(spec LossSpec) {
	if spec.Name == "" || strings.Trim(spec.Name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" || spec.New == nil {
		panic(fmt.Sprintf("layer: RegisterLoss: malformed spec %q", spec.Name))
	}
	if n, ok := spec.New().(NamedLoss); !ok || n.Name() != spec.Name {
		panic(fmt.Sprintf("layer: RegisterLoss: %q: the loss New returns must implement NamedLoss with that name", spec.Name))
	}
	lossMu.Lock()
	defer lossMu.Unlock()
	losses[spec.Name] = spec
}

// LossSpecs returns the registered losses sorted by name.
func LossSpecs() []LossSpec {
	lossMu.RLock()
	defer lossMu.RUnlock()
	out := make([]LossSpec, 0, len(losses))
	for _, s := range losses {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func lookupLoss(name string) (LossSpec, bool) {
	lossMu.RLock()
	defer lossMu.RUnlock()
	s, ok := losses[name]
	return s, ok
}

// ParseLoss returns the registered loss of that name, with PyTorch's
// default settings. Case and surrounding space do not matter
// ("Cross_Entropy" is "cross_entropy"); an unknown name is an error that
// lists the known ones.
func ParseLoss(name string) (Loss, error) {
	s, ok := lookupLoss(strings.ToLower(strings.TrimSpace(name)))
	if !ok {
		var names []string
		for _, s := range LossSpecs() {
			names = append(names, s.Name)
		}
		return nil, fmt.Errorf("unknown loss %q (known: %s)", name, strings.Join(names, ", "))
	}
	return s.New(), nil
}
