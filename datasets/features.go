package datasets

import (
	"fmt"
	"strings"

	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// FeatureMap computes features from raw input columns, each by an
// expression: a column name (x1, or a CSV header such as petal_length), a
// square (x1^2), a product of two columns (x1*x2), sin(x1) or cos(x1).
// TensorFlow Playground's full set over x1 and x2 is
// "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)". A column name may hold any
// characters but , * ^ ( ) and spaces at its ends.
type FeatureMap struct {
	inputs []string
	terms  []featureTerm
}

// featureOp is what a term computes.
type featureOp int

const (
	opColumn featureOp = iota
	opSquare
	opProduct
	opSin
	opCos
)

// featureTerm is one expression: op over columns a (and b for a product).
type featureTerm struct {
	op   featureOp
	a, b int
}

// FeatureError reports a bad feature expression list: the list, the
// 0-based byte offset of the offending character in it, and the problem.
type FeatureError struct {
	Spec string
	Pos  int
	Msg  string
}

// Error formats e as `features "x1,x9": at character 4: message`, counting
// characters from 1.
func (e *FeatureError) Error() string {
	return fmt.Sprintf("features %s: at character %d: %s", quoteField(e.Spec), e.Pos+1, e.Msg)
}

// RawFeatures returns the FeatureMap that passes every column through
// unchanged, the default.
func RawFeatures(columns []string) *FeatureMap {
	m := &FeatureMap{inputs: append([]string(nil), columns...)}
	for i := range columns {
		m.terms = append(m.terms, featureTerm{op: opColumn, a: i})
	}
	return m
}

// ParseFeatures parses spec, a comma-separated list of expressions over
// columns, the names of the raw input columns. Spaces around names and
// symbols are ignored; an expression given twice, an unknown column or a
// malformed expression is a *FeatureError pointing at the character.
func ParseFeatures(spec string, columns []string) (*FeatureMap, error) {
	p := &featureParser{spec: spec, columns: columns}
	m := &FeatureMap{inputs: append([]string(nil), columns...)}
	seen := make(map[featureTerm]bool)
	for {
		p.space()
		start := p.pos
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		if seen[t] {
			return nil, p.errAt(start, fmt.Sprintf("%s given twice", m.termString(t)))
		}
		seen[t] = true
		m.terms = append(m.terms, t)
		p.space()
		if p.pos == len(spec) {
			return m, nil
		}
		if spec[p.pos] != ',' {
			return nil, p.errAt(p.pos, fmt.Sprintf("unexpected %s; want , or the end", quoteField(spec[p.pos:p.pos+1])))
		}
		p.pos++
	}
}

// String returns the canonical form of m's expressions, comma-separated
// without spaces, which ParseFeatures reads back to the same map: the
// form to store with a model.
func (m *FeatureMap) String() string { return strings.Join(m.Names(), ",") }

// Names returns each expression's canonical text, the names of the
// features Apply computes, in order.
func (m *FeatureMap) Names() []string {
	names := make([]string, len(m.terms))
	for i, t := range m.terms {
		names[i] = m.termString(t)
	}
	return names
}

// Inputs returns the names of the raw columns m reads.
func (m *FeatureMap) Inputs() []string { return append([]string(nil), m.inputs...) }

// NumFeatures returns the number of features m computes.
func (m *FeatureMap) NumFeatures() int { return len(m.terms) }

func (m *FeatureMap) termString(t featureTerm) string {
	a := m.inputs[t.a]
	switch t.op {
	case opSquare:
		return a + "^2"
	case opProduct:
		return a + "*" + m.inputs[t.b]
	case opSin:
		return "sin(" + a + ")"
	case opCos:
		return "cos(" + a + ")"
	}
	return a
}

// Apply returns the features of raw, a [rows, len(Inputs())] matrix of raw
// columns, as a new [rows, NumFeatures()] matrix; see ApplyTo.
func (m *FeatureMap) Apply(raw *tensor.Tensor) *tensor.Tensor {
	dst := tensor.Zeros(raw.Rows(), len(m.terms))
	m.ApplyTo(dst, raw)
	return dst
}

// ApplyTo writes the features of raw into dst, [rows, NumFeatures()],
// allocating nothing. Each feature is one float64 operation (fmath.Sin and
// fmath.Cos for the functions), so the result is the same bits on every
// run and machine. It panics if the shapes do not match.
func (m *FeatureMap) ApplyTo(dst, raw *tensor.Tensor) {
	if raw.Dims() != 2 || raw.Cols() != len(m.inputs) || dst.Dims() != 2 || dst.Rows() != raw.Rows() || dst.Cols() != len(m.terms) {
		panic(fmt.Sprintf("datasets: FeatureMap.ApplyTo: raw %v and dst %v, want [n, %d] and [n, %d]",
			raw.Shape(), dst.Shape(), len(m.inputs), len(m.terms)))
	}
	in, out := raw.Data(), dst.Data()
	k, c := len(m.terms), len(m.inputs)
	for r := range raw.Rows() {
		row, o := in[r*c:(r+1)*c], out[r*k:(r+1)*k]
		for j, t := range m.terms {
			v := row[t.a]
			switch t.op {
			case opSquare:
				v *= v
			case opProduct:
				v *= row[t.b]
			case opSin:
				v = fmath.Sin(v)
			case opCos:
				v = fmath.Cos(v)
			}
			o[j] = v
		}
	}
}
