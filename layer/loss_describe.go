package layer

import (
	"fmt"
	"reflect"

	"github.com/nnlab/nnlab/tensor"
)

// What package train needs to know about a loss lives on the loss, in the
// optional interfaces below, as autograd.SliceFunc is an optional fast
// path of autograd.UnaryFunc: Loss itself stays one method, so that any
// function of outputs and targets can be trained on, and a loss that is
// asked for what it does not say gets an error naming the interface to
// implement, never a guess.

// TargetKind says what targets a loss compares a network's outputs with.
// Its zero value is no kind: a loss must say which it takes.
type TargetKind int

const (
	// ClassIndexTargets are one class index per row, [n], as
	// nn.CrossEntropyLoss and nn.NLLLoss take them.
	ClassIndexTargets TargetKind = iota + 1
	// ProbabilityTargets are probabilities in [0, 1] shaped like the
	// output, [n, k], as nn.BCELoss and nn.BCEWithLogitsLoss take them. A
	// class label becomes a one-hot row, or a 0/1 column for a single
	// output.
	ProbabilityTargets
	// ValueTargets are real values shaped like the output, [n, k], as
	// nn.MSELoss takes them. A class label is encoded as for
	// ProbabilityTargets; regression targets are used as they are.
	ValueTargets
)

// String returns the kind's name: "class_indices", "probabilities",
// "values", or "TargetKind(n)" for no kind.
func (k TargetKind) String() string {
	switch k {
	case ClassIndexTargets:
		return "class_indices"
	case ProbabilityTargets:
		return "probabilities"
	case ValueTargets:
		return "values"
	}
	return fmt.Sprintf("TargetKind(%d)", int(k))
}

// TargetKinder is implemented by a loss that says what targets it takes,
// which train.ClassificationData needs to encode class labels for it.
type TargetKinder interface {
	TargetKind() TargetKind
}

// ProbabilityReader is implemented by a loss that says how the outputs of
// a classifier trained with it read as class probabilities, which
// accuracy, AUC and predictions need.
type ProbabilityReader interface {
	// Probabilities returns the outputs out [n, k] read as probabilities,
	// in a new tensor of out's shape, leaving out as it is. With one output
	// (k = 1) each is the probability of the positive (second) class; with
	// several, each row is a distribution over the k classes.
	Probabilities(out *tensor.Tensor) *tensor.Tensor
}

// NamedLoss is implemented by a loss that has a stable name, the one
// RegisterLoss files it under and ParseLoss reads back: a model file
// stores it, and the CLI's --loss takes it.
type NamedLoss interface {
	// Name returns the loss's registered name, such as "cross_entropy":
	// lower case, the same for every value of the type.
	Name() string
}

// LossTargetKind returns the kind of targets l takes, or an error naming
// the interface l must implement to say it.
func LossTargetKind(l Loss) (TargetKind, error) {
	k, ok := l.(TargetKinder)
	if !ok {
		return 0, fmt.Errorf("loss %T does not say what targets it takes; implement layer.TargetKinder", l)
	}
	switch kind := k.TargetKind(); kind {
	case ClassIndexTargets, ProbabilityTargets, ValueTargets:
		return kind, nil
	default:
		return 0, fmt.Errorf("loss %T says it takes targets of kind %v, which is none of layer's TargetKinds", l, kind)
	}
}

// LossProbabilityReader returns l as a ProbabilityReader, or an error
// naming the interface l must implement.
func LossProbabilityReader(l Loss) (ProbabilityReader, error) {
	r, ok := l.(ProbabilityReader)
	if !ok {
		return nil, fmt.Errorf("loss %T does not say how its outputs read as probabilities; implement layer.ProbabilityReader", l)
	}
	return r, nil
}

// LossName returns the name under which l is registered, or an error if
// l has no name (implement NamedLoss) or ParseLoss would not read it back
// as a loss of l's type (register it with RegisterLoss).
func LossName(l Loss) (string, error) {
	n, ok := l.(NamedLoss)
	if !ok {
		return "", fmt.Errorf("loss %T has no name; implement layer.NamedLoss and register it with layer.RegisterLoss", l)
	}
	name := n.Name()
	spec, ok := lookupLoss(name)
	if !ok {
		return "", fmt.Errorf("loss %T is named %q, but no loss of that name is registered; register it with layer.RegisterLoss", l, name)
	}
	if got := spec.New(); baseType(got) != baseType(l) {
		return "", fmt.Errorf("loss %T is named %q, but that name is registered to %T", l, name, got)
	}
	return spec.Name, nil
}

// baseType names a loss's type with any pointer removed: a *CrossEntropyLoss
// is a CrossEntropyLoss.
func baseType(l Loss) reflect.Type {
	t := reflect.TypeOf(l)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
