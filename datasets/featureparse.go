package datasets

import (
	"fmt"
	"strings"
)

// featureParser reads a feature expression list from left to right.
type featureParser struct {
	spec    string
	columns []string
	pos     int
}

func (p *featureParser) errAt(pos int, msg string) *FeatureError {
	return &FeatureError{Spec: p.spec, Pos: pos, Msg: msg}
}

func (p *featureParser) space() {
	for p.pos < len(p.spec) && p.spec[p.pos] == ' ' {
		p.pos++
	}
}

// name reads a column name or function name: the characters up to the next
// symbol, without spaces at its ends. It returns its start.
func (p *featureParser) name() (string, int) {
	p.space()
	start := p.pos
	for p.pos < len(p.spec) && !strings.ContainsRune(",*^()", rune(p.spec[p.pos])) {
		p.pos++
	}
	return strings.TrimRight(p.spec[start:p.pos], " "), start
}

// column reads a column name and returns its index.
func (p *featureParser) column() (int, error) {
	name, start := p.name()
	if name == "" {
		what := "the end"
		if start < len(p.spec) {
			what = quoteField(p.spec[start : start+1])
		}
		return 0, p.errAt(start, fmt.Sprintf("want a column name, found %s", what))
	}
	for i, c := range p.columns {
		if c == name {
			return i, nil
		}
	}
	return 0, p.errAt(start, fmt.Sprintf("no column %s; the columns are %s", quoteField(name), listNames(p.columns)))
}

// expect reads the symbol c.
func (p *featureParser) expect(c byte, want string) error {
	p.space()
	if p.pos < len(p.spec) && p.spec[p.pos] == c {
		p.pos++
		return nil
	}
	found := "the end"
	if p.pos < len(p.spec) {
		found = quoteField(p.spec[p.pos : p.pos+1])
	}
	return p.errAt(p.pos, fmt.Sprintf("want %s, found %s", want, found))
}

// term reads one expression.
func (p *featureParser) term() (featureTerm, error) {
	save := p.pos
	fn, start := p.name()
	p.space()
	if fn != "" && p.pos < len(p.spec) && p.spec[p.pos] == '(' {
		if fn != "sin" && fn != "cos" {
			return featureTerm{}, p.errAt(start, fmt.Sprintf("unknown function %s; the functions are sin and cos", quoteField(fn)))
		}
		p.pos++
		a, err := p.column()
		if err != nil {
			return featureTerm{}, err
		}
		if err := p.expect(')', "a closing )"); err != nil {
			return featureTerm{}, err
		}
		op := opSin
		if fn == "cos" {
			op = opCos
		}
		return featureTerm{op: op, a: a}, nil
	}
	p.pos = save
	a, err := p.column()
	if err != nil {
		return featureTerm{}, err
	}
	p.space()
	if p.pos == len(p.spec) {
		return featureTerm{op: opColumn, a: a}, nil
	}
	switch p.spec[p.pos] {
	case '^':
		p.pos++
		if err := p.expect('2', "the exponent 2 (only squares are supported)"); err != nil {
			return featureTerm{}, err
		}
		return featureTerm{op: opSquare, a: a}, nil
	case '*':
		p.pos++
		b, err := p.column()
		if err != nil {
			return featureTerm{}, err
		}
		if b == a {
			return featureTerm{op: opSquare, a: a}, nil
		}
		return featureTerm{op: opProduct, a: a, b: b}, nil
	}
	return featureTerm{op: opColumn, a: a}, nil
}
