package engine

import "testing"

// BenchmarkStep trains the page's default network on 500 points, all
// epochs in one Step: the training alone, as BenchmarkWasmStep times it
// in the browser.
func BenchmarkStep(b *testing.B) {
	s, err := New(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := s.Step(b.N); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFrame is one frame of the playing page: one epoch's
// StepReport and the PictureReport drawn from it.
func BenchmarkFrame(b *testing.B) {
	s, err := New(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	ext := s.Points().Extent
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s.StepReport(1)
		s.PictureReport(50, 20, ext)
	}
}
