package layer

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Activation is a Layer with no parameters that a spec string names.
// Anyone can implement one: build Forward from autograd operations (most
// simply autograd.Elementwise with an autograd.UnaryFunc), and register a
// constructor with RegisterActivation to make it reachable by spec.
type Activation interface {
	Layer
	// String returns the activation's spec, which ParseActivation turns back
	// into an equal activation: "relu", "leaky_relu:0.1". Trailing parameters
	// at their defaults are left out.
	String() string
}

// ActivationSpec describes a registered activation: its name, its numeric
// parameters in spec order with their defaults, and a constructor.
type ActivationSpec struct {
	Name     string
	Doc      string
	Params   []string  // parameter names, PyTorch's: "negative_slope", "alpha", ...
	Defaults []float64 // one per parameter
	// New builds the activation from one value per parameter, in order. It
	// returns an error for a value out of the activation's range.
	New func(params []float64) (Activation, error)
}

var (
	registryMu  sync.RWMutex
	activations = map[string]ActivationSpec{}
)

// RegisterActivation makes an activation available to ParseActivation and
// NewActivation under spec.Name, replacing any earlier one of that name.
// Names are lower case, and looked up in any case ("ReLU" is relu). It
// panics if the spec is malformed, a programmer error.
func RegisterActivation(spec ActivationSpec) {
	if spec.Name == "" || spec.Name != strings.ToLower(spec.Name) || strings.ContainsAny(spec.Name, ": ,") || spec.New == nil || len(spec.Params) != len(spec.Defaults) {
		panic(fmt.Sprintf("layer: RegisterActivation: malformed spec %q", spec.Name))
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	activations[spec.Name] = spec
}

// ActivationSpecs returns the registered activations sorted by name.
func ActivationSpecs() []ActivationSpec {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]ActivationSpec, 0, len(activations))
	for _, s := range activations {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func lookupActivation(name string) (ActivationSpec, error) {
	registryMu.RLock()
	s, ok := activations[strings.ToLower(name)]
	registryMu.RUnlock()
	if !ok {
		var names []string
		for _, s := range ActivationSpecs() {
			names = append(names, s.Name)
		}
		return s, fmt.Errorf("unknown activation %q (known: %s)", name, strings.Join(names, ", "))
	}
	return s, nil
}

// ParseActivation returns the activation a spec names: a registered name,
// optionally followed by a colon and its parameters in order, separated by
// commas ("relu", "leaky_relu:0.1", "softplus:2,20"), the name in any case
// ("ReLU"). Omitted trailing
// parameters take their defaults. Unknown names, extra parameters and values
// that are not finite numbers are errors that say what is wrong.
func ParseActivation(spec string) (Activation, error) {
	name, rest, hasParams := strings.Cut(strings.TrimSpace(spec), ":")
	s, err := lookupActivation(name)
	if err != nil {
		return nil, err
	}
	vals := append([]float64(nil), s.Defaults...)
	if hasParams {
		fields := strings.Split(rest, ",")
		if len(fields) > len(s.Params) {
			if len(s.Params) == 0 {
				return nil, fmt.Errorf("activation %q takes no parameters, got %q", name, rest)
			}
			return nil, fmt.Errorf("activation %q takes at most %d parameter(s) (%s), got %d", name, len(s.Params), strings.Join(s.Params, ", "), len(fields))
		}
		for i, f := range fields {
			v, err := parseParam(f)
			if err != nil {
				return nil, fmt.Errorf("activation %q: %s: %v", name, s.Params[i], err)
			}
			vals[i] = v
		}
	}
	a, err := s.New(vals)
	if err != nil {
		return nil, fmt.Errorf("activation %q: %v", spec, err)
	}
	return a, nil
}

// NewActivation returns the named activation with parameters given by name
// (PyTorch's keyword names, such as "negative_slope"); absent ones take
// their defaults and unknown ones are an error.
func NewActivation(name string, params map[string]float64) (Activation, error) {
	s, err := lookupActivation(name)
	if err != nil {
		return nil, err
	}
	vals := append([]float64(nil), s.Defaults...)
	used := 0
	for i, p := range s.Params {
		if v, ok := params[p]; ok {
			// As in ParseActivation: a NaN or infinite parameter would give
			// a spec (String) that cannot be parsed back.
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("activation %q: %s: %g is not a finite number", name, p, v)
			}
			vals[i] = v
			used++
		}
	}
	if used != len(params) {
		var unknown []string
		for k := range params {
			if !contains(s.Params, k) {
				unknown = append(unknown, k)
			}
		}
		sort.Strings(unknown)
		return nil, fmt.Errorf("activation %q has no parameter(s) %v (it has %v)", name, unknown, s.Params)
	}
	a, err := s.New(vals)
	if err != nil {
		return nil, fmt.Errorf("activation %q: %v", name, err)
	}
	return a, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func parseParam(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// formatSpec writes name and parameters as ParseActivation reads them,
// with shortest round-trip formatting so that a spec saved in a checkpoint
// rebuilds the same bits. Trailing parameters at their registered defaults
// are left out, as a user would write them, so that a spec such as
// "softplus:2" comes back from String unchanged. Defaults are compared by
// bits, so that -0 is kept.
func formatSpec(name string, params ...float64) string {
	registryMu.RLock()
	defaults := activations[name].Defaults
	registryMu.RUnlock()
	for n := len(params); n > 0 && n <= len(defaults) &&
		math.Float64bits(params[n-1]) == math.Float64bits(defaults[n-1]); n-- {
		params = params[:n-1]
	}
	if len(params) == 0 {
		return name
	}
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = strconv.FormatFloat(p, 'g', -1, 64)
	}
	return name + ":" + strings.Join(parts, ",")
}
