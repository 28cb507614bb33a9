package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train"
)

// TestLossSpellings checks that --loss takes layer's names in any case,
// and the spellings of earlier versions (which old checkpoints' settings
// hold too) with their old meaning, and resolves each to the registered
// name with the right number of outputs.
func TestLossSpellings(t *testing.T) {
	cases := []struct {
		flag    string
		classes int
		name    string
		loss    layer.Loss
		outputs int
	}{
		{"auto", 2, "bce_with_logits", layer.BCEWithLogitsLoss{}, 1},
		{"auto", 3, "cross_entropy", layer.CrossEntropyLoss{}, 3},
		{"bce", 2, "bce_with_logits", layer.BCEWithLogitsLoss{}, 1}, // earlier meaning: with logits
		{"BCE", 2, "bce_with_logits", layer.BCEWithLogitsLoss{}, 1},
		{"bce_with_logits", 2, "bce_with_logits", layer.BCEWithLogitsLoss{}, 1},
		{"ce", 2, "cross_entropy", layer.CrossEntropyLoss{}, 2},
		{"Cross_Entropy", 4, "cross_entropy", layer.CrossEntropyLoss{}, 4},
		{"mse", 2, "mse", layer.MSELoss{}, 1},
		{"MSE", 3, "mse", layer.MSELoss{}, 3},
	}
	for _, c := range cases {
		s := &fitSettings{Loss: c.flag, Data: "test"}
		loss, outputs, err := resolveLoss(s, c.classes)
		if err != nil || reflect.TypeOf(loss) != reflect.TypeOf(c.loss) || outputs != c.outputs || s.Loss != c.name {
			t.Errorf("--loss %s, %d classes: %T, %d outputs, stored %q, %v; want %T, %d, %q",
				c.flag, c.classes, loss, outputs, s.Loss, err, c.loss, c.outputs, c.name)
		}
	}
	for _, c := range []struct{ flag, want string }{
		{"hinge", `--loss "hinge": want one of auto, bce_with_logits, cross_entropy, mse`},
		{"nll", "--loss nll: the network's outputs are raw scores, which nll does not take"},
	} {
		if _, err := canonicalLoss(c.flag); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("--loss %s: %v, want %q", c.flag, err, c.want)
		}
	}
}

// TestLossFlagRoundTrip trains with each loss the CLI offers, in several
// spellings, and checks that the settings and the model file hold its
// registered name and that the model file loads as that loss.
func TestLossFlagRoundTrip(t *testing.T) {
	for flag, want := range map[string]string{
		"bce_with_logits": "bce_with_logits", "cross_entropy": "cross_entropy", "mse": "mse",
		"bce": "bce_with_logits", "CE": "cross_entropy",
	} {
		t.Run(flag, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			r := mustCode(t, dir, nil, 0, fitArgs("gauss", "run", "--json", "--loss", flag)...)
			if got := decodeJSON(t, "stdout", r.stdout)["settings"].(map[string]any)["loss"]; got != want {
				t.Errorf("settings loss %v, want %s", got, want)
			}
			m, err := train.LoadModel(filepath.Join(dir, "run", "model.safetensors"))
			if err != nil {
				t.Fatal(err)
			}
			if name, err := layer.LossName(m.Loss); name != want || err != nil {
				t.Errorf("model file's loss %q (%v), want %s", name, err, want)
			}
		})
	}
}
