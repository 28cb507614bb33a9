package engine

import (
	"reflect"
	"strings"
	"testing"
)

// TestParseAddress reads an address of every key, and the empty one as
// the defaults.
func TestParseAddress(t *testing.T) {
	a, err := ParseAddress("?task=regression&data=reg-gauss&n=321&noise=0.2&ratio=0.7&features=x1,x2,x1%5E2&hidden=5,3&act=leaky_relu:0.1" +
		"&lr=0.1&opt=rmsprop&batch=7&l1=0.003&l2=0&dropout=0.1&seed=9&test=1&discretize=1&unit=1.2&compare=act:identity+lr:0.3&play=1&stop=40")
	if err != nil {
		t.Fatal(err)
	}
	want := Address{Config: Config{Task: TaskRegression, Data: "reg-gauss", N: 321, Noise: 0.2, Ratio: 0.7, Features: "x1,x2,x1^2",
		Hidden: []int{5, 3}, Act: "leaky_relu:0.1", LR: 0.1, Opt: "rmsprop", Batch: 7, L1: 0.003, Dropout: 0.1, Seed: 9},
		Test: true, Discretize: true, Play: true, Stop: 40, Unit: "1.2", Compare: "act:identity lr:0.3"}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("got  %+v\nwant %+v", a, want)
	}
	c, err := CompareConfig(a.Config, a.Compare)
	if err != nil || c.Act != "identity" || c.LR != 0.3 || a.Config.Act != "leaky_relu:0.1" {
		t.Errorf("compared: %+v, %v (first %+v)", c, err, a.Config)
	}
	if a, err := ParseAddress(""); err != nil || !reflect.DeepEqual(a, Address{Config: DefaultConfig()}) {
		t.Errorf("the empty address: %+v, %v", a, err)
	}
}

// TestParseAddressErrors checks that a bad address names its key.
func TestParseAddressErrors(t *testing.T) {
	for q, key := range map[string]string{
		"colour=red":            "colour",
		"lr=0.1&lr=0.2":         "lr",
		"lr=fast":               "lr",
		"n=1e3":                 "n",
		"seed=-1":               "seed",
		"hidden=4,x":            "hidden",
		"play=yes":              "play",
		"unit=0.1":              "unit",
		"compare=act":           "compare",
		"compare=stop:3":        "compare",
		"compare=batch:two":     "compare",
		"stop=2.5":              "stop",
		"features=x1&test=true": "test",
		"data=circle&%zz":       "address",
	} {
		_, err := ParseAddress(q)
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: error %v, want one naming %s", q, err, key)
		}
	}
}
