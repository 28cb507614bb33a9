package layer

import (
	"fmt"
	"strings"
	"testing"
)

// TestNilRNG: an initialiser that draws panics with a message naming
// itself and rng when given none; Constant, which draws nothing, accepts nil.
func TestNilRNG(t *testing.T) {
	for _, init := range []Initializer{TorchDefault{}, XavierUniform{}, XavierNormal{}, HeUniform{}, HeNormal{}, LeCunNormal{}, LeCunUniform{}} {
		func() {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.Contains(msg, "rng is nil") || !strings.Contains(msg, fmt.Sprintf("%T", init)[len("layer."):]) {
					t.Errorf("%T: MLP with a nil rng panicked with %q, want a message naming it and rng", init, msg)
				}
			}()
			MLP([]int{2, 3, 1}, ReLU{}, init, nil)
		}()
	}
	MLP([]int{2, 3, 1}, ReLU{}, Constant{Value: 1}, nil)
}
