package train

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
)

// MetaInputs is the metadata key of a model whose features are computed
// from raw columns by expressions (Model.FeatureMap): a JSON list of the
// raw column names the model reads, while MetaFeatures lists the
// expressions (x1^2, x1*x2, sin(x1), ...) in the order of the network's
// inputs. A file without it takes its features as raw columns.
const MetaInputs = "inputs"

// Inputs returns the names of the raw columns the model reads: the
// FeatureMap's inputs, or Features when there is no map.
func (m *Model) Inputs() []string {
	if m.FeatureMap != nil {
		return m.FeatureMap.Inputs()
	}
	return slices.Clone(m.Features)
}

// prepare returns the network's input for the raw rows xb: the features
// of m.FeatureMap computed and the Standardizer applied, written into
// buf (rows ≥ xb's, columns the network's inputs) when either applies,
// xb itself otherwise.
func (m *Model) prepare(xb, buf *tensor.Tensor) *tensor.Tensor {
	if m.FeatureMap == nil && m.Standardizer == nil {
		return xb
	}
	out := buf.RowSlice(0, xb.Rows())
	if m.FeatureMap != nil {
		m.FeatureMap.ApplyTo(out, xb)
	} else {
		out.CopyFrom(xb)
	}
	if m.Standardizer != nil {
		m.Standardizer.TransformInPlace(out)
	}
	return out
}

// checkFeatureMap reports a FeatureMap that does not compute the model's
// Features, in order.
func (m *Model) checkFeatureMap() error {
	if m.FeatureMap == nil {
		return nil
	}
	if names := m.FeatureMap.Names(); !slices.Equal(names, m.Features) {
		return fmt.Errorf("%w: FeatureMap computes %q, the model's features are %q", ErrBadModel, names, m.Features)
	}
	return nil
}

// loadFeatureMap rebuilds the FeatureMap of a file's metadata: the
// expressions in features over the columns of MetaInputs; nil if the file
// has none.
func loadFeatureMap(meta map[string]string, features []string) (*datasets.FeatureMap, error) {
	raw, ok := meta[MetaInputs]
	if !ok {
		return nil, nil
	}
	var inputs []string
	if err := json.Unmarshal([]byte(raw), &inputs); err != nil || len(inputs) == 0 {
		return nil, fmt.Errorf("metadata %q is not a JSON list of column names", MetaInputs)
	}
	if err := distinct(MetaInputs, "input", inputs); err != nil {
		return nil, err
	}
	fm, err := datasets.ParseFeatures(strings.Join(features, ","), inputs)
	if err != nil {
		return nil, fmt.Errorf("metadata %q over %q: %v", MetaFeatures, MetaInputs, err)
	}
	if !slices.Equal(fm.Names(), features) {
		return nil, fmt.Errorf("metadata %q: expressions %q are not in canonical form %q", MetaFeatures, features, fm.Names())
	}
	return fm, nil
}
