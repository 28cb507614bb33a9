package train

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"sort"
	"strconv"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/safetensors"
)

// ModelFormat is the value of the "format" metadata key of every file nnlab
// writes; docs/checkpoints.md describes the format.
const ModelFormat = "nnlab.mlp.v1"

// Metadata keys of a model file (all values are strings, as safetensors
// requires; lists are JSON).
const (
	MetaFormat     = "format"
	MetaSizes      = "sizes"      // JSON list of layer sizes, e.g. [2,16,16,1]
	MetaActivation = "activation" // activation spec, e.g. "leaky_relu:0.1"
	MetaLoss       = "loss"       // the loss's registered name (layer.ParseLoss): bce_with_logits, cross_entropy, bce, nll, mse
	MetaClasses    = "classes"    // JSON list of class names, in output order
	MetaFeatures   = "features"   // JSON list of input feature names
	MetaTarget     = "target"     // optional: the CSV column the labels came from
	MetaMean       = "standardize_mean"
	MetaStd        = "standardize_std"
	MetaState      = "train_state" // training checkpoints only: State as JSON
)

// optimPrefix prefixes optimizer state tensors in a training checkpoint,
// keeping them apart from the model's state-dict names.
const optimPrefix = "optimizer."

// bestPrefix begins the names of the tensors of State.BestWeights in a
// checkpoint: the best epoch's weights, kept for early stopping.
const bestPrefix = "best."

// Checkpoint is a model together, for a resumable training run, with the
// optimizer's state, the trainer's state and the caller's own settings.
type Checkpoint struct {
	Model     *Model
	Optimizer map[string]*tensor.Tensor // nil in a plain model file
	State     *State                    // nil in a plain model file
	// Extra holds the caller's string settings, such as the flags of the run,
	// stored as metadata under their own keys.
	Extra map[string]string
}

// Save writes the model to path as a safetensors file, atomically: a crash
// or error leaves any earlier file at path as it was. A path that is a
// directory means the ModelFile in it.
func (m *Model) Save(path string) error {
	return SaveCheckpoint(filePath(path), &Checkpoint{Model: m})
}

// LoadModel reads a model file (or the model part of a training
// checkpoint) written by Save, or by any safetensors writer following
// docs/checkpoints.md. A path that is a directory, such as the one
// 'train fit --out DIR' writes, means the ModelFile in it.
func LoadModel(path string) (*Model, error) {
	ck, err := LoadCheckpoint(filePath(path))
	if err != nil {
		return nil, err
	}
	return ck.Model, nil
}

// SaveCheckpoint writes ck to path as one safetensors file, atomically.
func SaveCheckpoint(path string, ck *Checkpoint) error {
	tensors, meta, err := checkpointContents(ck)
	if err != nil {
		return fmt.Errorf("%s: not saved: %w", path, err)
	}
	return safetensors.WriteFile(path, tensors, meta)
}

// Encode writes m to w in the safetensors form Save writes to a file, for
// a model that goes somewhere other than a file (a download in the lab, a
// network stream). It checks m before writing anything.
func (m *Model) Encode(w io.Writer) error {
	tensors, meta, err := checkpointContents(&Checkpoint{Model: m})
	if err != nil {
		return fmt.Errorf("model not encoded: %w", err)
	}
	return safetensors.Encode(w, tensors, meta)
}

// checkpointContents checks ck and returns the tensors and metadata of
// its file.
func checkpointContents(ck *Checkpoint) (map[string]*tensor.Tensor, map[string]string, error) {
	m := ck.Model
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	if ck.State != nil {
		if err := ck.State.validate(); err != nil {
			return nil, nil, err
		}
	}
	meta := map[string]string{}
	maps.Copy(meta, ck.Extra)
	meta[MetaFormat] = ModelFormat
	meta[MetaActivation] = m.Activation.String()
	meta[MetaLoss], _ = layer.LossName(m.Loss) // m.Validate has made sure
	delete(meta, MetaDropout)                  // the network says, not what Extra carried over
	delete(meta, MetaInputs)
	delete(meta, MetaTask)
	if m.Regression {
		meta[MetaTask] = TaskRegression
	}
	if p, period, _ := mlpDropout(m.Net); period == 3 {
		meta[MetaDropout] = strconv.FormatFloat(p, 'g', -1, 64)
	}
	if m.Target != "" {
		meta[MetaTarget] = m.Target
	}
	// JSON has no NaN or infinity: State writes its floats in a form of
	// its own (jsonfloat.go); m.Validate refuses a non-finite standardizer.
	type entry struct {
		key string
		v   any
	}
	lists := []entry{{MetaSizes, m.Sizes}, {MetaClasses, m.Classes}, {MetaFeatures, m.Features}}
	if m.FeatureMap != nil {
		lists = append(lists, entry{MetaInputs, m.FeatureMap.Inputs()})
	}
	if m.Standardizer != nil {
		lists = append(lists, entry{MetaMean, m.Standardizer.Mean}, entry{MetaStd, m.Standardizer.Std})
	}
	if ck.State != nil {
		lists = append(lists, entry{MetaState, ck.State})
	}
	for _, l := range lists {
		b, err := json.Marshal(l.v)
		if err != nil {
			return nil, nil, fmt.Errorf("encoding metadata %q: %v", l.key, err)
		}
		meta[l.key] = string(b)
	}
	tensors := maps.Clone(m.Net.StateDict())
	for name, t := range ck.Optimizer {
		tensors[optimPrefix+name] = t
	}
	if ck.State != nil {
		for name, t := range ck.State.BestWeights {
			tensors[bestPrefix+name] = t
		}
	}
	return tensors, meta, nil
}

// LoadCheckpoint reads a file written by SaveCheckpoint or Save. It checks
// the metadata against the tensors: every weight the architecture needs,
// with its shape, and nothing else but optimizer state.
func LoadCheckpoint(path string) (*Checkpoint, error) {
	f, err := safetensors.ReadFile(path)
	if err != nil {
		return nil, err
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", path, ErrBadModel, fmt.Sprintf(format, args...))
	}
	meta := f.Metadata
	if meta[MetaFormat] != ModelFormat {
		return nil, bad("metadata %q is %q, want %q (is this an nnlab model?)", MetaFormat, meta[MetaFormat], ModelFormat)
	}
	m := &Model{}
	if err := json.Unmarshal([]byte(meta[MetaSizes]), &m.Sizes); err != nil || len(m.Sizes) < 2 {
		return nil, bad("metadata %q is %q, want a JSON list of at least two layer sizes", MetaSizes, meta[MetaSizes])
	}
	for _, s := range m.Sizes {
		if s <= 0 || s > 1<<20 {
			return nil, bad("layer size %d in %q is out of range", s, MetaSizes)
		}
	}
	if m.Activation, err = layer.ParseActivation(meta[MetaActivation]); err != nil {
		return nil, bad("metadata %q: %v", MetaActivation, err)
	}
	if m.Loss, err = loadLoss(meta[MetaLoss]); err != nil {
		return nil, bad("metadata %q: %v", MetaLoss, err)
	}
	if err := m.loadTask(meta); err != nil {
		return nil, bad("%v", err)
	}
	if err := json.Unmarshal([]byte(meta[MetaFeatures]), &m.Features); err != nil || len(m.Features) != m.Sizes[0] {
		return nil, bad("metadata %q must list %d feature names", MetaFeatures, m.Sizes[0])
	}
	m.Target = meta[MetaTarget]
	if m.FeatureMap, err = loadFeatureMap(meta, m.Features); err != nil {
		return nil, bad("%v", err)
	}
	dropout, period, err := parseDropout(meta)
	if err != nil {
		return nil, bad("%v", err)
	}
	if m.Standardizer, err = loadStandardizer(meta, m.Sizes[0]); err != nil {
		return nil, bad("%v", err)
	}
	// The sizes are checked against the tensors before the network is
	// built, so that a few bytes of metadata cannot make us allocate
	// terabytes of weights.
	if msg := checkLayout(f.Tensors, m.Sizes, period); msg != "" {
		return nil, bad("%s", msg)
	}
	m.Net = buildMLP(m, dropout, period)
	weights, opt, best, err := splitTensors(f.Tensors, m.Sizes, period)
	if err != nil {
		return nil, bad("%v", err)
	}
	if err := m.Net.LoadStateDict(weights); err != nil {
		return nil, bad("%v", err)
	}
	if err := m.Validate(); err != nil { // what Save refuses
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ck := &Checkpoint{Model: m, Extra: map[string]string{}}
	for k, v := range meta {
		ck.Extra[k] = v
	}
	if len(opt) > 0 {
		ck.Optimizer = opt
	}
	if raw, ok := meta[MetaState]; ok {
		if ck.State, err = loadState(raw); err != nil {
			return nil, bad("metadata %q: %v", MetaState, err)
		}
		if len(best) > 0 {
			ck.State.BestWeights = best
		}
	}
	return ck, nil
}

// ErrBadModel is wrapped by errors about a well-formed safetensors file
// whose contents are not a usable nnlab model.
var ErrBadModel = errors.New("not a valid nnlab model")

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Validate reports a Model that Save would not write and LoadModel would
// not read: Sizes and Activation must be those of Net, built as MLP builds
// it; there must be a distinct class name per class and a distinct feature
// name per input; a Standardizer must have, per feature, a finite mean and
// a finite standard deviation that is positive and not subnormal.
// LoadModel checks every file with it.
func (m *Model) Validate() error {
	if m == nil || m.Net == nil || m.Activation == nil || m.Loss == nil {
		return fmt.Errorf("%w: a model needs Net, Activation and Loss", ErrBadModel)
	}
	if err := checkLoss(m.Loss); err != nil {
		return fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	_, period, err := mlpDropout(m.Net)
	if err != nil {
		return err
	}
	var sizes []int
	for i, l := range m.Net.Layers {
		switch l := l.(type) {
		case *layer.Dense:
			if i%period != 0 {
				return fmt.Errorf("%w: layer %d is Dense, where MLP puts an activation", ErrBadModel, i)
			}
			if len(sizes) == 0 {
				sizes = append(sizes, l.In())
			}
			sizes = append(sizes, l.Out())
		case *layer.Dropout: // before Activation, whose one method it has
			if i%period != 2 {
				return fmt.Errorf("%w: layer %d is Dropout, where MLPWithDropout puts a Dense layer or an activation", ErrBadModel, i)
			}
		case layer.Activation:
			if i%period != 1 || l.String() != m.Activation.String() {
				return fmt.Errorf("%w: layer %d is %v, the model says %v between Dense layers", ErrBadModel, i, l, m.Activation)
			}
		default:
			return fmt.Errorf("%w: layer %d (%T) is neither Dense nor an activation", ErrBadModel, i, l)
		}
	}
	if len(sizes) < 2 {
		return fmt.Errorf("%w: the network has no Dense layer", ErrBadModel)
	}
	if fmt.Sprint(sizes) != fmt.Sprint(m.Sizes) {
		return fmt.Errorf("%w: Sizes %v, but the network's layers are %v", ErrBadModel, m.Sizes, sizes)
	}
	if err := m.checkTask(); err != nil {
		return err
	}
	if out := m.Sizes[len(m.Sizes)-1]; !m.Regression && len(m.Classes) != max(out, 2) {
		return fmt.Errorf("%w: %d class names for %d outputs", ErrBadModel, len(m.Classes), out)
	}
	if len(m.Features) != m.Sizes[0] {
		return fmt.Errorf("%w: %d feature names for %d inputs", ErrBadModel, len(m.Features), m.Sizes[0])
	}
	if s := m.Standardizer; s != nil && (len(s.Mean) != m.Sizes[0] || len(s.Std) != m.Sizes[0]) {
		return fmt.Errorf("%w: standardizer for %d/%d features, the model has %d", ErrBadModel, len(s.Mean), len(s.Std), m.Sizes[0])
	}
	if err := m.checkFeatureMap(); err != nil {
		return err
	}
	return m.checkMetadata()
}

// loadLoss rebuilds a model's loss from its name, with default settings:
// a model file needs only its reading of the outputs (Probabilities).
func loadLoss(name string) (layer.Loss, error) {
	l, err := layer.ParseLoss(name)
	if err != nil {
		return nil, err
	}
	return l, checkLoss(l)
}

// checkLoss reports a loss that a model file cannot hold: one that
// LoadModel would not rebuild from its name, or whose outputs do not read
// as probabilities.
func checkLoss(l layer.Loss) error {
	if _, err := layer.LossName(l); err != nil {
		return err
	}
	_, err := layer.LossProbabilityReader(l)
	return err
}
