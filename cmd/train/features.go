package main

import (
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
)

// fit's --features: the network's inputs computed from the raw columns by
// expressions (datasets.FeatureMap), stored in the model so that eval and
// predict take the raw columns.

// mapFeatures replaces r.ds, split already, and its parts by the features
// of s.Features computed from the raw columns, keeping the raw rows in
// r.raw (same row order) for the plots over the input plane. r.ds holds
// the training, validation and test rows in that order; a part read from
// its own file (--val-data, --test-data) is mapped on its own. Without
// --features it does nothing. It records the expressions' canonical form
// in s.
func (r *fitRun) mapFeatures(s *fitSettings) error {
	if s.Features == "" {
		return nil
	}
	fm, err := datasets.ParseFeatures(s.Features, r.ds.Features)
	if err != nil {
		return usagef("--%v", err)
	}
	s.Features = fm.String()
	r.raw, r.fm, r.ds = r.ds, fm, mapped(r.ds, fm)
	lo := 0
	view := func(p *datasets.Dataset) *datasets.Dataset {
		v := rowView(r.ds, lo, lo+p.Len())
		lo += p.Len()
		return v
	}
	r.trainDS = view(r.trainDS)
	for _, p := range []struct {
		part    **datasets.Dataset
		ownFile bool
	}{{&r.valDS, s.ValFile != nil}, {&r.testDS, s.TestFile != nil}} {
		switch {
		case *p.part == nil:
		case p.ownFile:
			*p.part = mapped(*p.part, fm)
		default:
			*p.part = view(*p.part)
		}
	}
	return nil
}

// mapped returns d with its columns replaced by fm's features of them.
func mapped(d *datasets.Dataset, fm *datasets.FeatureMap) *datasets.Dataset {
	m := *d
	m.X = fm.Apply(d.X)
	m.Features = fm.Names()
	return &m
}

// rowView returns a view of rows lo to hi of d.
func rowView(d *datasets.Dataset, lo, hi int) *datasets.Dataset {
	p := *d
	c := d.X.Cols()
	p.X = tensor.New(d.X.Data()[lo*c:hi*c:hi*c], hi-lo, c)
	if d.Y != nil {
		p.Y = d.Y[lo:hi:hi]
	}
	if d.Values != nil {
		p.Values = d.Values[lo:hi:hi]
	}
	p.Source = nil
	return &p
}

// inputs returns the data set of the raw columns the model reads, in the
// rows' order of r.ds: r.raw with --features, r.ds (standardised) without.
func (r *fitRun) inputs() *datasets.Dataset {
	if r.raw != nil {
		return r.raw
	}
	return r.ds
}

// plotPoints returns a sample of the rows for a plot over the input plane
// and their raw inputs, in the data's own units.
func (r *fitRun) plotPoints() (*datasets.Dataset, *tensor.Tensor) {
	if r.raw != nil {
		shown := plotSample(r.raw, maxPlotPoints)
		return shown, shown.X
	}
	shown := plotSample(r.ds, maxPlotPoints)
	return shown, rawFeatures(r.model.Standardizer, shown.X)
}
