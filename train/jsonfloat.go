package train

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// JSON has no NaN or infinity, yet a checkpoint must carry whatever a run
// holds when it is interrupted (a loss sum that overflowed, a best metric of
// +Inf), and bring it back bit for bit. Finite numbers are written as JSON
// numbers in the shortest form that reads back to the same bits ("-0"
// included); the others as strings.

// Spellings of the non-finite values in checkpoints.
const (
	jsonPosInf = "+Inf"
	jsonNegInf = "-Inf"
	jsonNaN    = "NaN" // math.NaN(); other NaNs are "NaN(0x<16 hex digits>)"
)

// appendJSONFloat appends v's JSON form to b.
func appendJSONFloat(b []byte, v float64) []byte {
	switch {
	case math.IsInf(v, 1):
		return strconv.AppendQuote(b, jsonPosInf)
	case math.IsInf(v, -1):
		return strconv.AppendQuote(b, jsonNegInf)
	case math.IsNaN(v) && math.Float64bits(v) == math.Float64bits(math.NaN()):
		return strconv.AppendQuote(b, jsonNaN)
	case math.IsNaN(v):
		return strconv.AppendQuote(b, fmt.Sprintf("%s(%#016x)", jsonNaN, math.Float64bits(v)))
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// parseJSONFloat reads what appendJSONFloat writes.
func parseJSONFloat(data []byte) (float64, error) {
	if len(data) == 0 || data[0] != '"' {
		var v float64
		err := json.Unmarshal(data, &v)
		return v, err
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return 0, err
	}
	switch s {
	case jsonPosInf:
		return math.Inf(1), nil
	case jsonNegInf:
		return math.Inf(-1), nil
	case jsonNaN:
		return math.NaN(), nil
	}
	if hex, ok := strings.CutPrefix(s, jsonNaN+"(0x"); ok && strings.HasSuffix(hex, ")") {
		bits, err := strconv.ParseUint(strings.TrimSuffix(hex, ")"), 16, 64)
		if v := math.Float64frombits(bits); err == nil && math.IsNaN(v) {
			return v, nil
		}
	}
	return 0, fmt.Errorf("%q is not a number (want a JSON number, %q, %q, %q or %q)", s, jsonPosInf, jsonNegInf, jsonNaN, jsonNaN+"(0x7ff8…)")
}

// jsonFloat is a float64 that JSON carries bit for bit.
type jsonFloat float64

// MarshalJSON writes f as appendJSONFloat does.
func (f jsonFloat) MarshalJSON() ([]byte, error) { return appendJSONFloat(nil, float64(f)), nil }

// UnmarshalJSON reads what MarshalJSON writes.
func (f *jsonFloat) UnmarshalJSON(data []byte) error {
	v, err := parseJSONFloat(data)
	if err != nil {
		return err
	}
	*f = jsonFloat(v)
	return nil
}

// stateFields is State without its methods, so that stateJSON can embed it
// and shadow its float fields.
type stateFields State

// stateJSON is State as JSON holds it: the float fields carried bit for bit.
type stateJSON struct {
	*stateFields
	BaseLR      jsonFloat   `json:"base_lr"`
	LossSum     jsonFloat   `json:"loss_sum"`
	GradNormSum []jsonFloat `json:"grad_norm_sum,omitempty"`
	Best        *jsonFloat  `json:"best,omitempty"`
}

// MarshalJSON writes the state with every float, non-finite ones included,
// in a form UnmarshalJSON reads back to the same bits.
func (s State) MarshalJSON() ([]byte, error) {
	j := stateJSON{stateFields: (*stateFields)(&s), BaseLR: jsonFloat(s.BaseLR), LossSum: jsonFloat(s.LossSum)}
	for _, v := range s.GradNormSum {
		j.GradNormSum = append(j.GradNormSum, jsonFloat(v))
	}
	if s.Best != nil {
		b := jsonFloat(*s.Best)
		j.Best = &b
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes, and the plain JSON numbers
// of earlier versions.
func (s *State) UnmarshalJSON(data []byte) error {
	j := stateJSON{stateFields: &stateFields{}}
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*s = State(*j.stateFields)
	s.BaseLR, s.LossSum = float64(j.BaseLR), float64(j.LossSum)
	s.GradNormSum = nil
	for _, v := range j.GradNormSum {
		s.GradNormSum = append(s.GradNormSum, float64(v))
	}
	if j.Best != nil {
		b := float64(*j.Best)
		s.Best = &b
	}
	return nil
}
