package engine

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Address is what a lab page address holds: the session's settings and
// the page's own (docs/lab.md lists the keys). ParseAddress reads one as
// the page does, so that a link written elsewhere (a preset in
// docs/experiments.md) can be checked without a browser.
type Address struct {
	Config     Config
	Test       bool   // test=1: show the test points
	Discretize bool   // discretize=1: show the output as classes
	Play       bool   // play=1: start training on load
	Stop       int    // stop=N: pause at epoch N (0: never)
	Unit       string // unit=L.U: show that hidden unit on the big plot
	// Compare holds the second network's overrides, "key:value" pairs
	// separated by spaces; CompareConfig applies them.
	Compare string
}

var (
	wholeNumber = regexp.MustCompile(`^\d+$`)
	unitKey     = regexp.MustCompile(`^[1-9]\d*\.[1-9]\d*$`)
)

// ParseAddress reads the query part of a page address ("data=circle&act=relu",
// with or without the leading "?"), the settings it leaves out at their
// defaults (DefaultConfig). A key the page does not know, a repeated key or
// a value the page would refuse is an error naming the key. The settings'
// ranges and names are checked when a session is built from Config (New).
func ParseAddress(query string) (Address, error) {
	q, err := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if err != nil {
		return Address{}, fmt.Errorf("address %q: %v", query, err)
	}
	a := Address{Config: DefaultConfig()}
	c := &a.Config
	for k, vs := range q {
		if len(vs) != 1 {
			return a, fmt.Errorf("address key %s appears %d times", k, len(vs))
		}
		if err := a.set(c, k, vs[0]); err != nil {
			return a, err
		}
	}
	if a.Compare != "" {
		if _, err := CompareConfig(a.Config, a.Compare); err != nil {
			return a, err
		}
	}
	return a, nil
}

// set reads the address key k's value v.
func (a *Address) set(c *Config, k, v string) error {
	var err error
	switch k {
	case "task":
		c.Task = v
	case "data":
		c.Data = v
	case "features":
		c.Features = v
	case "act":
		c.Act = v
	case "opt":
		c.Opt = v
	case "unit":
		if v != "" && !unitKey.MatchString(v) {
			return fmt.Errorf("address key unit is %q: want L.U, e.g. 1.2", v)
		}
		a.Unit = v
	case "compare":
		a.Compare = strings.TrimSpace(v)
	case "hidden":
		c.Hidden, err = ParseHidden(v)
	case "n", "batch", "seed", "stop":
		err = a.setWhole(c, k, v)
	case "test", "discretize", "play":
		if v != "0" && v != "1" {
			return fmt.Errorf("address key %s is %q: want 0 or 1", k, v)
		}
		*map[string]*bool{"test": &a.Test, "discretize": &a.Discretize, "play": &a.Play}[k] = v == "1"
	default:
		return setNumber(c, k, v)
	}
	if err != nil {
		return fmt.Errorf("address key %s: %v", k, err)
	}
	return nil
}

// setWhole reads a key that holds a whole number.
func (a *Address) setWhole(c *Config, k, v string) error {
	if !wholeNumber.MatchString(v) {
		return fmt.Errorf("%q is not a whole number", v)
	}
	n, err := strconv.ParseUint(v, 10, 63)
	if err != nil {
		return fmt.Errorf("%q: %v", v, err)
	}
	switch k {
	case "n":
		c.N = int(n)
	case "batch":
		c.Batch = int(n)
	case "seed":
		c.Seed = n
	default:
		a.Stop = int(n)
	}
	return nil
}

// setNumber reads a key that holds a number, or reports an unknown key.
func setNumber(c *Config, k, v string) error {
	dst := map[string]*float64{"noise": &c.Noise, "ratio": &c.Ratio, "lr": &c.LR, "l1": &c.L1, "l2": &c.L2, "dropout": &c.Dropout}[k]
	if dst == nil {
		return fmt.Errorf("address key %q: not a key of the lab (docs/lab.md lists them)", k)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return fmt.Errorf("address key %s is %q: want a number", k, v)
	}
	*dst = f
	return nil
}

// CompareConfig returns cfg with the overrides of the address key compare
// applied: "key:value" pairs separated by spaces, each key a setting's
// (e.g. "act:identity lr:0.3"), as the page reads them.
func CompareConfig(cfg Config, spec string) (Config, error) {
	c := cfg
	c.Hidden = append([]int(nil), cfg.Hidden...)
	var a Address
	for _, pair := range strings.Fields(spec) {
		k, v, ok := strings.Cut(pair, ":")
		var err error
		switch {
		case !ok:
			err = fmt.Errorf("want key:value with a setting's key, e.g. act:identity")
		case k == "stop" || k == "play" || k == "test" || k == "discretize" || k == "unit" || k == "compare":
			err = fmt.Errorf("%s is a setting of the page, not of a network", k)
		default:
			err = a.set(&c, k, v)
		}
		if err != nil {
			return cfg, fmt.Errorf("compare %q: %v", pair, err)
		}
	}
	return c, nil
}
