package datasets

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzReadCSV checks that no input panics, and that every input yields
// either a *CSVError or a valid data set with at least two classes, the
// same whether or not the reader can seek.
func FuzzReadCSV(f *testing.F) {
	seeds := []string{
		"x1,x2,label\n1,2,a\n3,4,b\n",
		"a,b\n1,0\n2,1\n3,2\n",
		"\ufeffa, b ,c\r\n1,2,x\r\n\r\n3,4,y",
		"a,b\n\"1\",\"x\ny\"\n2,z\n",
		"a,b\n1,\"x\n",
		"a,a\n1,2\n",
		"",
		"\n",
		"a,b\n",
		"a\n1\n",
		"a,b,c\n1,2\n",
		"a,b\nNaN,x\nInf,y\n",
		"a,b\n1e999,x\n0x1p-2,y\n",
		",\n,\n",
		"a,b\n1,\"\"\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("a,b,c\n1,x,2\n3,y,4\n"), "b")
	f.Add([]byte("a,b,c\n1,x,2\n"), "nope")
	f.Fuzz(func(t *testing.T, data []byte, target string) {
		opts := CSVOptions{Target: target}
		d, err := ReadCSV(bytes.NewReader(data), "fuzz.csv", opts)
		d2, err2 := ReadCSV(io.MultiReader(bytes.NewReader(data)), "fuzz.csv", opts)
		if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("seekable and streamed reads disagree: %v vs %v", err, err2)
		}
		if err != nil {
			var e *CSVError
			if !errors.As(err, &e) || d != nil {
				t.Fatalf("error %v (%T) with data %v", err, err, d)
			}
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("invalid data set: %v", err)
		}
		if d.Len() == 0 || d.NumClasses() < 2 || d.NumFeatures() == 0 {
			t.Fatalf("%d rows, %d classes, %d features", d.Len(), d.NumClasses(), d.NumFeatures())
		}
		for i, c := range d.ClassCounts() {
			if c == 0 {
				t.Fatalf("class %q has no rows", d.Classes[i])
			}
		}
		if !equalData(d, d2) {
			t.Fatal("seekable and streamed reads give different data")
		}
		x, err := ReadFeaturesCSV(bytes.NewReader(data), "fuzz.csv", d.Features)
		if err != nil || !bytesEqualFloats(x.Data(), d.X.Data()) {
			t.Fatalf("ReadFeaturesCSV of the features: %v", err)
		}
	})
}

func bytesEqualFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
