package layer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// ForwardHook observes the output of layer index of a Sequential during a
// forward pass. The output must not be modified or kept past the call
// unless cloned.
type ForwardHook func(index int, l Layer, output *tensor.Tensor)

// Sequential chains layers, PyTorch's nn.Sequential.
type Sequential struct {
	Layers []Layer
	hooks  []*ForwardHook
	eval   bool // evaluation mode; the zero value trains, as a new nn.Module
}

// NewSequential returns a Sequential of the given layers.
func NewSequential(layers ...Layer) *Sequential { return &Sequential{Layers: layers} }

// Forward passes x through every layer in turn, calling the hooks after
// each one. When a layer panics with a message, as a Dense layer does for an
// input that does not fit it, Forward panics again with that message
// prefixed by the layer's index and description, so that the panic says
// which layer of the network was handed what.
func (s *Sequential) Forward(x *autograd.Var) *autograd.Var { return s.forward(x, nil) }

// ForwardRows is Forward(autograd.Rows(x, rows)): the network on the batch
// of x's rows that rows picks, PyTorch's model(x[idx]). When the first
// layer is a RowsLayer (Dense, or a Sequential) it reads those rows of x
// in place (Dense.ForwardRows), with the same values and bits, and no
// gathered copy is written. rows must not change until the graph's
// Backward is done. It panics as Forward does, and if an index is out of
// range.
func (s *Sequential) ForwardRows(x *autograd.Var, rows []int) *autograd.Var {
	if rows == nil {
		rows = []int{} // nil means Forward below
	}
	return s.forward(x, rows)
}

// forward is Forward of x, or of x's rows picked by rows when not nil.
func (s *Sequential) forward(x *autograd.Var, rows []int) *autograd.Var {
	if rows != nil && len(s.Layers) == 0 {
		return autograd.Rows(x, rows)
	}
	at := -1 // the layer running; -1 outside the layers
	defer func() {
		if at < 0 {
			return
		}
		if r := recover(); r != nil {
			if msg, ok := r.(string); ok {
				name := "Forward"
				if rows != nil {
					name = "ForwardRows"
				}
				r = fmt.Sprintf("layer: Sequential.%s: layer %d (%v): %s", name, at, s.Layers[at], msg)
			}
			panic(r)
		}
	}()
	for i, l := range s.Layers {
		at = i
		x = forwardLayer(l, x, rows, i)
		at = -1
		for _, h := range s.hooks {
			(*h)(i, l, x.Value())
		}
	}
	return x
}

// forwardLayer runs layer i of a forward pass: on x, or, for the first
// layer when rows is not nil, on x's rows that rows picks, read in place
// by a RowsLayer and gathered for any other.
func forwardLayer(l Layer, x *autograd.Var, rows []int, i int) *autograd.Var {
	if rows == nil || i > 0 {
		return l.Forward(x)
	}
	if rl, ok := l.(RowsLayer); ok {
		return rl.ForwardRows(x, rows)
	}
	return l.Forward(autograd.Rows(x, rows))
}

// Predict runs a forward pass in inference and evaluation mode, recording
// no graph and dropping nothing, and returns the output values. A model
// in training mode with layers that have modes is switched to evaluation
// mode for the call and back afterwards; put it in evaluation mode first
// (Eval) to share it between goroutines.
func (s *Sequential) Predict(x *tensor.Tensor) *tensor.Tensor {
	if s.Training() && s.HasModeLayers() {
		s.Eval()
		defer s.Train()
	}
	return s.Forward(autograd.Inference(x)).Value()
}

// RegisterForwardHook adds h, called after every layer of every forward
// pass, and returns a function that removes it again, as PyTorch's
// register_forward_hook returns a handle. Registering or removing a hook
// is not safe while another goroutine runs Forward or Predict on s (nor
// are concurrent forward passes with hooks that write shared state):
// register hooks before the passes start and remove them after.
func (s *Sequential) RegisterForwardHook(h ForwardHook) (remove func()) {
	p := &h
	s.hooks = append(s.hooks, p)
	return func() {
		for i, q := range s.hooks {
			if q == p {
				s.hooks = append(s.hooks[:i:i], s.hooks[i+1:]...)
				return
			}
		}
	}
}

// NamedParameters returns every parameter with its state-dict name
// ("<index>.<name>"), in layer order.
func (s *Sequential) NamedParameters() []Param {
	var out []Param
	seen := map[*autograd.Var]bool{}
	for i, l := range s.Layers {
		if pl, ok := l.(ParamLayer); ok {
			for _, p := range pl.Params() {
				// A layer used twice shares its parameters: they are
				// listed once, under their first name, as PyTorch's
				// named_parameters does, so an optimizer updates them once.
				if seen[p.Var] {
					continue
				}
				seen[p.Var] = true
				out = append(out, Param{Name: strconv.Itoa(i) + "." + p.Name, Var: p.Var})
			}
		}
	}
	return out
}

// Params makes a Sequential a ParamLayer, so that one nested in another
// shows its parameters with qualified names ("0.2.weight"), as in PyTorch.
func (s *Sequential) Params() []Param { return s.NamedParameters() }

// Parameters returns every parameter, in the order of NamedParameters.
func (s *Sequential) Parameters() []*autograd.Var {
	named := s.NamedParameters()
	out := make([]*autograd.Var, len(named))
	for i, p := range named {
		out[i] = p.Var
	}
	return out
}

// ZeroGrad zeroes the gradient of every parameter.
func (s *Sequential) ZeroGrad() {
	for _, p := range s.NamedParameters() {
		p.Var.ZeroGrad()
	}
}

// StateDict returns the parameters' tensors by state-dict name. The tensors
// are the live ones, as in PyTorch: clone them to keep a snapshot.
func (s *Sequential) StateDict() map[string]*tensor.Tensor {
	out := map[string]*tensor.Tensor{}
	for _, p := range s.NamedParameters() {
		out[p.Name] = p.Var.Value()
	}
	return out
}

// LoadStateDict copies the given tensors into the parameters of the same
// names. Like PyTorch's strict loading it fails, changing nothing, when a
// name is missing or unexpected or a shape differs.
func (s *Sequential) LoadStateDict(sd map[string]*tensor.Tensor) error {
	named := s.NamedParameters()
	var problems []string
	want := map[string]bool{}
	for _, p := range named {
		want[p.Name] = true
		t, ok := sd[p.Name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("missing %q", p.Name))
		case t == nil:
			problems = append(problems, fmt.Sprintf("%q is nil", p.Name))
		case !tensor.SameShape(t, p.Var.Value()):
			problems = append(problems, fmt.Sprintf("%q has shape %v, the model needs %v", p.Name, t.Shape(), p.Var.Value().Shape()))
		}
	}
	var extra []string
	for name := range sd {
		if !want[name] {
			extra = append(extra, fmt.Sprintf("unexpected %q", name))
		}
	}
	sort.Strings(extra)
	problems = append(problems, extra...)
	if len(problems) > 0 {
		return fmt.Errorf("load state dict: %s", strings.Join(problems, "; "))
	}
	for _, p := range named {
		p.Var.Value().CopyFrom(sd[p.Name])
	}
	return nil
}

// String lists the layers as PyTorch prints an nn.Sequential.
func (s *Sequential) String() string {
	var b strings.Builder
	b.WriteString("Sequential(\n")
	for i, l := range s.Layers {
		fmt.Fprintf(&b, "  (%d): %v\n", i, l)
	}
	b.WriteString(")")
	return b.String()
}
