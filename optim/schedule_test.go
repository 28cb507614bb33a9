package optim

import (
	"strings"
	"testing"
)

func TestScheduleValues(t *testing.T) {
	tests := []struct {
		name  string
		s     Schedule
		base  float64
		epoch int
		want  float64
	}{
		{"constant", Constant{}, 0.3, 100, 0.3},
		{"step before first decay", StepLR{StepSize: 3, Gamma: 0.5}, 1, 2, 1},
		{"step after one decay", StepLR{StepSize: 3, Gamma: 0.5}, 1, 3, 0.5},
		{"step after two decays", StepLR{StepSize: 3, Gamma: 0.5}, 1, 6, 0.25},
		{"step default gamma", DefaultStepLR(2), 1, 5, 0.01},
		{"step gamma zero is zero", StepLR{StepSize: 2}, 1, 2, 0},
		{"step gamma zero before decay", StepLR{StepSize: 2}, 1, 1, 1},
		{"exponential gamma zero", ExponentialLR{}, 0.8, 1, 0},
		{"exponential start", ExponentialLR{Gamma: 0.5}, 0.8, 0, 0.8},
		{"exponential", ExponentialLR{Gamma: 0.5}, 0.8, 3, 0.1},
		{"cosine start", CosineAnnealingLR{TMax: 10, EtaMin: 0.1}, 1.1, 0, 1.1},
		{"cosine middle", CosineAnnealingLR{TMax: 10, EtaMin: 0.1}, 1.1, 5, 0.6},
		{"cosine quarter", CosineAnnealingLR{TMax: 4}, 2, 1, 1 + 0.5*1.4142135623730951},
		{"cosine end", CosineAnnealingLR{TMax: 10, EtaMin: 0.1}, 1.1, 10, 0.1},
		{"cosine rises after TMax", CosineAnnealingLR{TMax: 10, EtaMin: 0.1}, 1.1, 15, 0.6},
		{"warm-up start", LinearWarmup{Epochs: 4, StartFactor: 0.2}, 1, 0, 0.2},
		{"warm-up ramp", LinearWarmup{Epochs: 4, StartFactor: 0.2}, 1, 3, 0.8},
		{"warm-up done", LinearWarmup{Epochs: 4, StartFactor: 0.2}, 1, 9, 1},
		{"warm-up default factor", DefaultLinearWarmup(4, nil), 3, 0, 1},
		{"warm-up default factor ramp", DefaultLinearWarmup(4, nil), 3, 2, 2},
		{"warm-up then starts at its epoch 0", DefaultLinearWarmup(4, StepLR{StepSize: 2, Gamma: 0.5}), 1, 5, 1},
		{"warm-up then decays", DefaultLinearWarmup(4, StepLR{StepSize: 2, Gamma: 0.5}), 1, 6, 0.5},
		{"warm-up into cosine", DefaultLinearWarmup(2, CosineAnnealingLR{TMax: 4}), 1, 4, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.LR(tt.base, tt.epoch); !closeTo(got, tt.want, 1e-15) {
				t.Fatalf("LR(%v, %d) = %.17g, want %.17g", tt.base, tt.epoch, got, tt.want)
			}
		})
	}
}

func TestScheduleValidate(t *testing.T) {
	tests := []struct {
		name   string
		s      Schedule
		errHas string
	}{
		{"step size", StepLR{}, "StepLR.StepSize = 0"},
		{"step gamma", StepLR{StepSize: 1, Gamma: -0.5}, "StepLR.Gamma = -0.5"},
		{"exponential gamma", ExponentialLR{Gamma: -1}, "ExponentialLR.Gamma = -1"},
		{"cosine TMax", CosineAnnealingLR{TMax: -1}, "CosineAnnealingLR.TMax = -1"},
		{"cosine EtaMin", CosineAnnealingLR{TMax: 1, EtaMin: -1}, "CosineAnnealingLR.EtaMin = -1"},
		{"warm-up epochs", LinearWarmup{}, "LinearWarmup.Epochs = 0"},
		{"warm-up factor", LinearWarmup{Epochs: 1, StartFactor: 1.5}, "LinearWarmup.StartFactor = 1.5"},
		{"warm-up factor zero", LinearWarmup{Epochs: 1}, "LinearWarmup.StartFactor = 0: must be in (0, 1]"},
		{"constant", Constant{}, ""},
		{"warm-up then", LinearWarmup{Epochs: 1, StartFactor: 0.5, Then: ExponentialLR{Gamma: -1}}, "LinearWarmup.Then: optim: ExponentialLR.Gamma = -1"},
		{"valid", DefaultLinearWarmup(1, CosineAnnealingLR{TMax: 3}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if tt.errHas == "" {
				mustNoErr(t, err)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tt.errHas)
			}
		})
	}
}

func TestSchedulePanics(t *testing.T) {
	tests := []struct {
		name  string
		s     Schedule
		epoch int
	}{
		{"negative epoch", CosineAnnealingLR{TMax: 3}, -1},
		{"invalid schedule", StepLR{}, 1},
		{"invalid wrapped schedule", LinearWarmup{Epochs: 1, StartFactor: 0.5, Then: ExponentialLR{Gamma: -1}}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			tt.s.LR(1, tt.epoch)
		})
	}
}
