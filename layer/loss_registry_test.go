package layer_test

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// TestBuiltinLossesDescribeThemselves checks each built-in loss's name,
// its round trip through ParseLoss in any case, and its target kind.
func TestBuiltinLossesDescribeThemselves(t *testing.T) {
	want := map[string]struct {
		loss layer.Loss
		kind layer.TargetKind
	}{
		"mse":             {layer.MSELoss{}, layer.ValueTargets},
		"bce":             {layer.BCELoss{}, layer.ProbabilityTargets},
		"bce_with_logits": {layer.BCEWithLogitsLoss{}, layer.ProbabilityTargets},
		"cross_entropy":   {layer.CrossEntropyLoss{}, layer.ClassIndexTargets},
		"nll":             {layer.NLLLoss{}, layer.ClassIndexTargets},
		"l1":              {layer.L1Loss{}, layer.ValueTargets},
		"huber":           {layer.NewHuberLoss(), layer.ValueTargets},
		"smooth_l1":       {layer.NewSmoothL1Loss(), layer.ValueTargets},
		"tanh_square":     {layer.TanhSquareLoss{}, layer.ProbabilityTargets},
	}
	var names []string
	for _, s := range layer.LossSpecs() {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"bce", "bce_with_logits", "cross_entropy", "huber", "l1", "mse", "nll", "smooth_l1", "tanh_square"}) {
		t.Errorf("registered losses %v", names)
	}
	for name, w := range want {
		for _, spelling := range []string{name, strings.ToUpper(name), " " + name + "\n"} {
			l, err := layer.ParseLoss(spelling)
			if err != nil || reflect.TypeOf(l) != reflect.TypeOf(w.loss) {
				t.Errorf("ParseLoss(%q) = %T, %v, want %T", spelling, l, err, w.loss)
			}
		}
		for _, l := range []layer.Loss{w.loss, reflect.New(reflect.TypeOf(w.loss)).Interface().(layer.Loss)} {
			if got, err := layer.LossName(l); got != name || err != nil {
				t.Errorf("LossName(%T) = %q, %v, want %q", l, got, err, name)
			}
			if got, err := layer.LossTargetKind(l); got != w.kind || err != nil {
				t.Errorf("LossTargetKind(%T) = %v, %v, want %v", l, got, err, w.kind)
			}
			if _, err := layer.LossProbabilityReader(l); err != nil {
				t.Errorf("%T: %v", l, err)
			}
		}
	}
	_, err := layer.ParseLoss("hinge")
	if err == nil || !strings.Contains(err.Error(), `unknown loss "hinge" (known: bce, bce_with_logits, cross_entropy, huber, l1, mse, nll, smooth_l1, tanh_square)`) {
		t.Errorf("ParseLoss(hinge): %v", err)
	}
}

// TestLossProbabilities checks the built-in readings of several outputs
// by hand (one output each is checked through train.Probabilities).
func TestLossProbabilities(t *testing.T) {
	out := tensor.New([]float64{0, 2, -1, 0.5, 0.25, 0.25}, 2, 3)
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	norm := func(r ...float64) []float64 {
		s := 0.0
		for _, v := range r {
			s += v
		}
		for j := range r {
			r[j] /= s
		}
		return r
	}
	e := math.Exp
	cases := []struct {
		loss layer.ProbabilityReader
		want []float64
	}{
		{layer.BCEWithLogitsLoss{}, slices.Concat(norm(sig(0), sig(2), sig(-1)), norm(sig(0.5), sig(0.25), sig(0.25)))},
		{layer.BCELoss{}, slices.Concat(norm(0, 1, 0), norm(0.5, 0.25, 0.25))},
		{layer.MSELoss{}, slices.Concat(norm(0, 2, 0), norm(0.5, 0.25, 0.25))},
		{layer.CrossEntropyLoss{}, slices.Concat(norm(e(0), e(2), e(-1)), norm(e(0.5), e(0.25), e(0.25)))},
		{layer.NLLLoss{}, []float64{1, e(2), e(-1), e(0.5), e(0.25), e(0.25)}},
	}
	before := slices.Clone(out.Data())
	for _, c := range cases {
		p := c.loss.Probabilities(out)
		if !slices.Equal(p.Shape(), out.Shape()) {
			t.Fatalf("%T: shape %v", c.loss, p.Shape())
		}
		for i, v := range p.Data() {
			if math.Abs(v-c.want[i]) > 1e-15 {
				t.Errorf("%T: %v, want %v", c.loss, p.Data(), c.want)
				break
			}
		}
	}
	if !slices.Equal(out.Data(), before) {
		t.Error("Probabilities changed its input")
	}
}

// userLoss is a loss of a user's that does not describe itself.
type userLoss struct{}

func (userLoss) Forward(x *autograd.Var, y *tensor.Tensor) *autograd.Var {
	return autograd.MSELoss(x, y, autograd.ReduceMean)
}

// impostor claims a built-in's name.
type impostor struct{ userLoss }

func (impostor) Name() string                 { return "bce" }
func (impostor) TargetKind() layer.TargetKind { return 0 }

// squaredHinge is a user's loss, registered under its name.
type squaredHinge struct{ userLoss }

func (squaredHinge) Name() string { return "squared_hinge_test" }

func TestUserLossErrors(t *testing.T) {
	cases := []struct {
		what string
		err  func() error
		want string
	}{
		{"target kind", func() error { _, err := layer.LossTargetKind(userLoss{}); return err },
			"loss layer_test.userLoss does not say what targets it takes; implement layer.TargetKinder"},
		{"zero target kind", func() error { _, err := layer.LossTargetKind(impostor{}); return err },
			"loss layer_test.impostor says it takes targets of kind TargetKind(0)"},
		{"probabilities", func() error { _, err := layer.LossProbabilityReader(userLoss{}); return err },
			"loss layer_test.userLoss does not say how its outputs read as probabilities; implement layer.ProbabilityReader"},
		{"no name", func() error { _, err := layer.LossName(&userLoss{}); return err },
			"loss *layer_test.userLoss has no name; implement layer.NamedLoss"},
		{"unregistered", func() error { _, err := layer.LossName(squaredHinge{}); return err },
			`loss layer_test.squaredHinge is named "squared_hinge_test", but no loss of that name is registered`},
		{"another's name", func() error { _, err := layer.LossName(impostor{}); return err },
			`loss layer_test.impostor is named "bce", but that name is registered to layer.BCELoss`},
	}
	for _, c := range cases {
		if err := c.err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.what, err, c.want)
		}
	}

	layer.RegisterLoss(layer.LossSpec{Name: "squared_hinge_test", New: func() layer.Loss { return squaredHinge{} }})
	if name, err := layer.LossName(squaredHinge{}); name != "squared_hinge_test" || err != nil {
		t.Errorf("registered: LossName = %q, %v", name, err)
	}
	if l, err := layer.ParseLoss("Squared_Hinge_Test"); err != nil || l != (squaredHinge{}) {
		t.Errorf("registered: ParseLoss = %v, %v", l, err)
	}
}

func TestRegisterLossPanics(t *testing.T) {
	for _, spec := range []layer.LossSpec{
		{Name: "", New: func() layer.Loss { return layer.MSELoss{} }},
		{Name: "Mse", New: func() layer.Loss { return layer.MSELoss{} }},
		{Name: "mse2"},
		{Name: "mse2", New: func() layer.Loss { return layer.MSELoss{} }}, // names itself mse
		{Name: "user", New: func() layer.Loss { return userLoss{} }},      // no name at all
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "layer: RegisterLoss") {
					t.Errorf("RegisterLoss(%q): recovered %v, want a panic", spec.Name, r)
				}
			}()
			layer.RegisterLoss(spec)
		}()
	}
}

// TestRobustLossDefaults checks that the registry gives PyTorch's
// defaults (delta = beta = 1, mean) and that each module forwards its
// settings to its autograd loss.
func TestRobustLossDefaults(t *testing.T) {
	x := tensor.New([]float64{0, 3}, 2, 1)
	y := tensor.New([]float64{0.5, 0}, 2, 1)
	cases := []struct {
		name string
		loss layer.Loss
		want float64
	}{
		{"l1", layer.L1Loss{}, (0.5 + 3) / 2},
		{"huber", layer.NewHuberLoss(), (0.125 + 2.5) / 2},
		{"smooth_l1", layer.NewSmoothL1Loss(), (0.125 + 2.5) / 2},
		{"huber delta 2 sum", layer.HuberLoss{Delta: 2, Reduction: autograd.ReduceSum}, 0.125 + 4},
		{"smooth_l1 beta 2 sum", layer.SmoothL1Loss{Beta: 2, Reduction: autograd.ReduceSum}, 0.0625 + 2},
		{"smooth_l1 beta 0", layer.SmoothL1Loss{}, (0.5 + 3) / 2},
	}
	for _, c := range cases {
		if got := c.loss.Forward(autograd.Const(x), y).Item(); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	for _, name := range []string{"huber", "smooth_l1"} {
		l, _ := layer.ParseLoss(name)
		if got := l.Forward(autograd.Const(x), y).Item(); got != (0.125+2.5)/2 {
			t.Errorf("ParseLoss(%q) gives %v, not PyTorch's default", name, got)
		}
	}
}
