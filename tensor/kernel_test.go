package tensor

import "testing"

func TestKernelNamesARegisteredImplementation(t *testing.T) {
	best := gemmImpls[0]
	for _, g := range gemmImpls {
		if g.rank > best.rank {
			best = g
		}
	}
	if got := Kernel(); got != best.name {
		t.Errorf("Kernel() = %q, want the highest-ranked implementation %q", got, best.name)
	}
	if _, ok := gemmByName(Kernel()); !ok {
		t.Errorf("Kernel() = %q is not registered", Kernel())
	}
}
