package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestFitL1DrivesWeightsToZero(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"fit", "--data", "circle", "--epochs", "50"}
	mustCode(t, dir, nil, 0, append(base, "--out", "plain", "--quiet")...)
	r := mustCode(t, dir, nil, 0, append(base, "--out", "l1", "--l1", "0.01")...)
	if !strings.Contains(r.stdout, "weights: 0 of 304 exactly zero, ") {
		t.Errorf("summary after --l1 lacks the count of zero weights:\n%s", r.stdout)
	}
	plain := readJSON(t, filepath.Join(dir, "plain", "metrics.json"))["weight_count"].(map[string]any)
	l1 := readJSON(t, filepath.Join(dir, "l1", "metrics.json"))["weight_count"].(map[string]any)
	t.Logf("weights below 1e-3: %v without a penalty, %v with --l1 0.01 (of %v)", plain["below_1e-3"], l1["below_1e-3"], l1["weights"])
	if num(t, l1, "weights") != 304 || num(t, l1, "below_1e-3") < 76 || num(t, plain, "below_1e-3") > 10 {
		t.Errorf("weight_count with --l1 %v, without %v: want a quarter or more of the 304 weights below 1e-3 with it, few without", l1, plain)
	}
	header, rows := readCSV(t, filepath.Join(dir, "l1", "history.csv"))
	pen := rows[0][column(t, header, "train_penalty")]
	if pen == "" || pen == "0" {
		t.Errorf("history.csv train_penalty = %q in the first epoch", pen)
	}
	s := readJSON(t, filepath.Join(dir, "l1", "metrics.json"))["settings"].(map[string]any)
	if s["l1"] != 0.01 {
		t.Errorf("settings.l1 = %v, want 0.01", s["l1"])
	}
}

func TestFitPenaltyResumeBitIdentical(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"fit", "--data", "circle", "--n", "200", "--epochs", "4", "--batch", "32", "--quiet", "--l1", "0.003", "--l2", "0.01"}
	mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
	mustCode(t, dir, []string{interruptEnv + "=7"}, exitInterrupted, append(base, "--out", "parts")...)
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv"} {
		if !bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", f)), fileBytes(t, filepath.Join(dir, "parts", f))) {
			t.Errorf("%s of the resumed --l1 --l2 run differs from the uninterrupted run's", f)
		}
	}
}

func TestFitPenaltyFlagsChecked(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range [][]string{{"--l1", "-1", "must be 0 or more and finite"}, {"--l2", "-0.5", "must be 0 or more and finite"},
		{"--l2", "+Inf", `"+Inf": want a finite number`}, {"--l1", "NaN", `"NaN": want a finite number`}} {
		r := mustCode(t, dir, nil, exitUsage, fitArgs("circle", "run", c[:2]...)...)
		if want := c[0] + " " + c[2]; !strings.Contains(r.stderr, want) {
			t.Errorf("%v: stderr %q, want %q", c, r.stderr, want)
		}
	}
}
