package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// usageError is a mistake in the command line: run prints it as one line
// with a pointer to the command's help and exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// errHelp asks run to print the command's help and exit 0.
var errHelp = errors.New("help requested")

// flagSet wraps flag.FlagSet with values whose parse errors read well,
// remembers which flags were given, and accepts flags after positional
// arguments ("train datasets spiral --plot x.png").
type flagSet struct {
	fs       *flag.FlagSet
	given    map[string]bool
	valueErr error // the message of the first value that failed to parse
}

func newFlagSet(cmd string) *flagSet {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{fs: fs, given: map[string]bool{}}
}

// parse reads args, returning the positional arguments in order.
func (f *flagSet) parse(args []string) ([]string, error) {
	var positional []string
	for {
		if err := f.fs.Parse(args); err != nil {
			return nil, f.translate(err)
		}
		rest := f.fs.Args()
		if len(rest) == 0 {
			break
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			positional = append(positional, rest...) // "--" ends the flags
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	f.fs.Visit(func(fl *flag.Flag) { f.given[fl.Name] = true })
	return positional, nil
}

// translate turns the flag package's messages into ours.
func (f *flagSet) translate(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	if f.valueErr != nil {
		return f.valueErr
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		return usagef("unknown flag --%s%s", name, didYouMean(name, "--", f.flagNames()))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return usagef("flag --%s needs a value", strings.TrimLeft(name, "-"))
	}
	return usagef("%s", msg)
}

// fail records why a value did not parse, for translate.
func (f *flagSet) fail(name, value, want string) error {
	if f.valueErr == nil {
		f.valueErr = usagef("--%s %q: %s", name, value, want)
	}
	return errors.New(want)
}

// flagValue adapts a parse function to flag.Value.
type flagValue struct {
	set    func(string) error
	show   func() string
	isBool bool
}

func (v *flagValue) Set(s string) error { return v.set(s) }
func (v *flagValue) String() string {
	if v == nil || v.show == nil {
		return ""
	}
	return v.show()
}
func (v *flagValue) IsBoolFlag() bool { return v.isBool }

func (f *flagSet) Int(name string, def int) *int {
	p := &def
	f.fs.Var(&flagValue{
		set: func(s string) error {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return f.fail(name, s, "want a whole number")
			}
			*p = n
			return nil
		},
		show: func() string { return strconv.Itoa(*p) },
	}, name, "")
	return p
}

func (f *flagSet) Uint64(name string, def uint64) *uint64 {
	p := &def
	f.fs.Var(&flagValue{
		set: func(s string) error {
			n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
			if err != nil {
				return f.fail(name, s, "want a whole number from 0 to 18446744073709551615")
			}
			*p = n
			return nil
		},
		show: func() string { return strconv.FormatUint(*p, 10) },
	}, name, "")
	return p
}

// Float accepts finite numbers only: NaN and infinities are never a
// sensible hyperparameter and would slip through range checks.
func (f *flagSet) Float(name string, def float64) *float64 {
	p := &def
	f.fs.Var(&flagValue{
		set: func(s string) error {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return f.fail(name, s, "want a finite number")
			}
			*p = v
			return nil
		},
		show: func() string { return strconv.FormatFloat(*p, 'g', -1, 64) },
	}, name, "")
	return p
}

func (f *flagSet) String(name, def string) *string {
	p := &def
	f.fs.Var(&flagValue{
		set:  func(s string) error { *p = s; return nil },
		show: func() string { return *p },
	}, name, "")
	return p
}

func (f *flagSet) Bool(name string) *bool {
	p := new(bool)
	f.fs.Var(&flagValue{
		set: func(s string) error {
			v, err := strconv.ParseBool(s)
			if err != nil {
				return f.fail(name, s, "want true or false")
			}
			*p = v
			return nil
		},
		show:   func() string { return strconv.FormatBool(*p) },
		isBool: true,
	}, name, "")
	return p
}

// givenExcept returns the flags given on the command line, sorted, except
// those in allowed.
func (f *flagSet) givenExcept(allowed ...string) []string {
	var out []string
	f.fs.VisitAll(func(fl *flag.Flag) {
		if f.given[fl.Name] {
			for _, a := range allowed {
				if a == fl.Name {
					return
				}
			}
			out = append(out, "--"+fl.Name)
		}
	})
	return out
}

// noPositional rejects arguments a command does not take.
func noPositional(args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}

// Range checks shared by the commands. Each names the flag and the value.

func atLeast(name string, v, lo int) error {
	if v < lo {
		return usagef("--%s must be at least %d, got %d", name, lo, v)
	}
	return nil
}

func positive(name string, v float64) error {
	if !(v > 0) {
		return usagef("--%s must be greater than 0, got %v", name, v)
	}
	return nil
}

func nonNegative(name string, v float64) error {
	if !(v >= 0) {
		return usagef("--%s must be 0 or more, got %v", name, v)
	}
	return nil
}

func required(name, v, what string) error {
	if strings.TrimSpace(v) == "" {
		return usagef("missing --%s (%s)", name, what)
	}
	return nil
}

// maxHidden bounds one hidden layer, so that a typo such as 16000000
// is caught as a usage error rather than exhausting memory.
const maxHidden = 1 << 16

// parseHidden reads the hidden layer sizes, "16,16"; "" or "none" means no
// hidden layer (logistic or softmax regression).
func parseHidden(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return []int{}, nil
	}
	parts := strings.Split(s, ",")
	sizes := make([]int, len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, usagef("--hidden %q: layer %d is empty; want sizes separated by commas, such as 16,16", s, i+1)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > maxHidden {
			return nil, usagef("--hidden %q: layer %d is %q; want a whole number from 1 to %d", s, i+1, p, maxHidden)
		}
		sizes[i] = n
	}
	return sizes, nil
}

// oneOf checks a word flag against its choices.
func oneOf(name, v string, choices ...string) error {
	for _, c := range choices {
		if v == c {
			return nil
		}
	}
	return usagef("--%s %q: want one of %s%s", name, v, strings.Join(choices, ", "), didYouMean(v, "", choices))
}
