package fmath

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// normalDraws is how many draws the pinned digest covers: enough for
// thousands of draws through each slow path (the wedges' Exp, the tail's
// Log), where math/rand/v2's bits depend on the architecture.
const normalDraws = 1 << 20

// normalDigest hashes normalDraws draws from a fixed PCG.
func normalDigest(draw func(*rand.Rand) float64) string {
	r := rand.New(rand.NewPCG(2026, 12))
	h := sha256.New()
	var b [8]byte
	for range normalDraws {
		v := draw(r)
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestNormalBitsPinned holds Normal to the bits of math/rand/v2's
// NormFloat64 on amd64 (GOAMD64=v1), on every architecture: CI runs it
// natively, with GOAMD64=v3 and under qemu on arm64, where NormFloat64
// itself draws 20 of these 2²⁰ values one bit apart.
func TestNormalBitsPinned(t *testing.T) {
	const want = "f4c65794f2a9b92b211a1f18fa1000f22ec0e0041e8a1038c58e1451cd0119b9"
	got := normalDigest(Normal)
	if got != want {
		t.Errorf("digest of %d draws: %s, want %s (math/rand/v2 on amd64)", normalDraws, got, want)
	}
}

// TestNormalPinnedDrawsReachTheTail checks that the pinned draws hold
// hundreds from the tail past normalR (only the tail's path returns
// those), where arm64's NormFloat64 drew other bits.
func TestNormalPinnedDrawsReachTheTail(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 12))
	tail := 0
	for range normalDraws {
		if math.Abs(Normal(r)) > normalR {
			tail++
		}
	}
	if tail < 100 {
		t.Errorf("%d of the %d pinned draws are from the tail, want hundreds", tail, normalDraws)
	}
}
