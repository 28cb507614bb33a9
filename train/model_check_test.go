package train

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// TestModelMetadataRefused writes, with the safetensors encoder, model
// files whose names or standardisation would make the model answer wrongly,
// and expects LoadModel to refuse each, naming the metadata key, and Save
// to refuse the same model with the same words.
func TestModelMetadataRefused(t *testing.T) {
	dir := t.TempDir()
	goodPath := filepath.Join(dir, "good.safetensors")
	if err := testModel(t, []int{2, 4, 3}, "tanh", layer.CrossEntropyLoss{}, true, 1).Save(goodPath); err != nil {
		t.Fatal(err)
	}
	good := readFile(t, goodPath)
	list := func(v ...any) string { b, _ := json.Marshal(v); return string(b) }
	cases := []struct {
		name, key, value string
		set              func(m *Model)
		want             string
	}{
		{"std zero", MetaStd, "[1,0]", func(m *Model) { m.Standardizer.Std[1] = 0 }, `the standard deviation of feature "x2" is 0`},
		{"std negative", MetaStd, "[-1,1]", func(m *Model) { m.Standardizer.Std[0] = -1 }, `feature "x1" is -1`},
		{"std subnormal", MetaStd, "[1,1e-310]", func(m *Model) { m.Standardizer.Std[1] = 1e-310 }, `feature "x2" is 1e-310`},
		{"std NaN", MetaStd, `[1,"NaN"]`, func(m *Model) { m.Standardizer.Std[1] = math.NaN() }, `feature "x2" is NaN`},
		{"std infinite", MetaStd, `["+Inf",1]`, func(m *Model) { m.Standardizer.Std[0] = math.Inf(1) }, `feature "x1" is +Inf`},
		{"mean infinite", MetaMean, `[0,"-Inf"]`, func(m *Model) { m.Standardizer.Mean[1] = math.Inf(-1) }, `the mean of feature "x2" is -Inf`},
		{"duplicate feature", MetaFeatures, list("x1", "x1"), func(m *Model) { m.Features[1] = "x1" }, `feature names 1 and 2 are both "x1"`},
		{"duplicate class", MetaClasses, list("a", "b", "a"), func(m *Model) { m.Classes = []string{"a", "b", "a"} }, `class names 1 and 3 are both "a"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.safetensors")
			writeFile(t, path, rewrite(t, good, func(_ map[string]*tensor.Tensor, meta map[string]string) {
				meta[c.key] = c.value
			}))
			_, loadErr := LoadModel(path)
			switch {
			case loadErr == nil:
				t.Fatalf("LoadModel accepted %s = %s", c.key, c.value)
			case (!strings.Contains(loadErr.Error(), `metadata "`+c.key+`": `) || !strings.Contains(loadErr.Error(), c.want)):
				t.Errorf("LoadModel: %v, want it to name %s and say %q", loadErr, c.key, c.want)
			}
			m := testModel(t, []int{2, 4, 3}, "tanh", layer.CrossEntropyLoss{}, true, 1)
			c.set(m)
			saveErr := m.Save(filepath.Join(t.TempDir(), "m.safetensors"))
			if saveErr == nil || !strings.Contains(saveErr.Error(), c.want) {
				t.Errorf("Save: %v, want an error containing %q", saveErr, c.want)
			}
		})
	}
}
