package main

import (
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
)

// fit's --features: the network's inputs computed from the raw columns by
// expressions (datasets.FeatureMap), stored in the model so that eval and
// predict take the raw columns.

// mapFeatures replaces r.ds, split already, by the features of s.Features
// computed from its raw columns, keeping the raw rows in r.raw (same row
// order) for the plots over the input plane. Without --features it does
// nothing. It records the expressions' canonical form in s.
func (r *fitRun) mapFeatures(s *fitSettings) error {
	if s.Features == "" {
		return nil
	}
	fm, err := datasets.ParseFeatures(s.Features, r.ds.Features)
	if err != nil {
		return usagef("--%v", err)
	}
	s.Features = fm.String()
	raw, k := r.ds, r.trainDS.Len()
	mapped := *raw
	mapped.X = fm.Apply(raw.X)
	mapped.Features = fm.Names()
	r.raw, r.fm, r.ds = raw, fm, &mapped
	r.trainDS, r.testDS = rowParts(r.ds, k)
	return nil
}

// rowParts returns views of d's first k rows and of the rest.
func rowParts(d *datasets.Dataset, k int) (first, rest *datasets.Dataset) {
	part := func(lo, hi int) *datasets.Dataset {
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
	return part(0, k), part(k, d.Len())
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
