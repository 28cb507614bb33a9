package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/nnlab/nnlab/train/atomicfile"
)

// runCells computes the cells idx with up to workers goroutines (0:
// GOMAXPROCS) and returns their outputs in the order of idx. Each cell
// writes only its own slot, so the outputs do not depend on scheduling;
// of several failures the one of the lowest index is reported, for the
// same reason.
func runCells(ctx context.Context, d design, idx []int, workers int) ([]json.RawMessage, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(idx)))
	out := make([]json.RawMessage, len(idx))
	errs := make([]error, len(idx))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(idx) || failed.Load() {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[k] = err
					failed.Store(true)
					return
				}
				v, err := d.cell(ctx, idx[k])
				if err == nil {
					out[k], err = json.Marshal(v)
				}
				if err != nil {
					errs[k] = fmt.Errorf("cell %d: %w", idx[k], err)
					failed.Store(true)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// partial is the file a shard writes: its cells' outputs by grid index,
// with what is needed to check that shards belong together.
type partial struct {
	Experiment string                  `json:"experiment"`
	Quick      bool                    `json:"quick"`
	Seeds      []uint64                `json:"seeds"`
	Settings   json.RawMessage         `json:"settings"`
	Shard      int                     `json:"shard"`
	Shards     int                     `json:"shards"`
	GridSize   int                     `json:"grid_size"`
	Cells      map[int]json.RawMessage `json:"cells"`
}

func (p *partial) fileName() string { return fmt.Sprintf("partial-%d-of-%d.json", p.Shard, p.Shards) }

func (p *partial) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("experiment %s: %w", p.Experiment, err)
	}
	return atomicfile.Write(filepath.Join(dir, p.fileName()), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// findPartials returns the partial files under dir: dir itself may be an
// experiment's folder or an output folder holding experiment folders.
func findPartials(dir string) ([]string, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	var files []string
	for _, pat := range []string{"partial-*-of-*.json", filepath.Join("*", "partial-*-of-*.json")} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	return files, nil
}

// Merge combines the partial results that shards wrote under dirs (each an
// --out folder, or an experiment's folder within one) into whole results,
// one per experiment found, identical to what a single run with the same
// seeds and settings gives, and writes them under outDir unless it is
// empty. It fails, naming the file, if shards disagree on settings or
// seeds, if a cell is missing or given twice, or if a file does not parse.
func Merge(outDir string, dirs ...string) ([]*Result, error) {
	byExp := map[string][]*partial{}
	from := map[*partial]string{}
	for _, dir := range dirs {
		files, err := findPartials(dir)
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		for _, f := range files {
			p, err := readPartial(f)
			if err != nil {
				return nil, err
			}
			byExp[p.Experiment] = append(byExp[p.Experiment], p)
			from[p] = f
		}
	}
	if len(byExp) == 0 {
		return nil, fmt.Errorf("merge: no partial-K-of-N.json files under %v", dirs)
	}
	var out []*Result
	for _, e := range registry {
		ps, ok := byExp[e.Name]
		if !ok {
			continue
		}
		r, err := e.merge(ps, from, outDir)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

func readPartial(path string) (*partial, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	var p partial
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("merge: %s: %v", path, err)
	}
	if _, ok := Lookup(p.Experiment); !ok {
		return nil, fmt.Errorf("merge: %s: unknown experiment %q (known: %s)", path, p.Experiment, names())
	}
	return &p, nil
}

// merge completes one experiment from its shards' cells.
func (e *Experiment) merge(ps []*partial, from map[*partial]string, outDir string) (*Result, error) {
	first := ps[0]
	o := Options{Seeds: len(first.Seeds), Quick: first.Quick, OutDir: outDir}
	d := e.plan(o)
	settings, err := json.Marshal(d.settings())
	if err != nil {
		return nil, err
	}
	n := d.cells()
	raw := make([]json.RawMessage, n)
	owner := make([]string, n)
	for _, p := range ps {
		f := from[p]
		var got bytes.Buffer
		if err := json.Compact(&got, p.Settings); err != nil {
			return nil, fmt.Errorf("merge: %s: settings: %v", f, err)
		}
		switch {
		case p.Quick != first.Quick || !slices.Equal(p.Seeds, first.Seeds):
			return nil, fmt.Errorf("merge: %s: seeds %v (quick %v) differ from %s: seeds %v (quick %v)", f, p.Seeds, p.Quick, from[first], first.Seeds, first.Quick)
		case !bytes.Equal(got.Bytes(), settings):
			return nil, fmt.Errorf("merge: %s: settings differ from those this build of %s runs; rerun the shards with the same version", f, e.Name)
		case p.GridSize != n:
			return nil, fmt.Errorf("merge: %s: grid of %d cells, this build has %d", f, p.GridSize, n)
		}
		for i, c := range p.Cells {
			if i < 0 || i >= n {
				return nil, fmt.Errorf("merge: %s: cell %d outside the grid of %d", f, i, n)
			}
			if owner[i] != "" {
				return nil, fmt.Errorf("merge: cell %d of %s is in both %s and %s", i, e.Name, owner[i], f)
			}
			raw[i], owner[i] = c, f
		}
	}
	var missing []int
	for i, c := range raw {
		if c == nil {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		sort.Ints(missing)
		return nil, fmt.Errorf("merge: %s: %d of %d cells missing (first %d); did every shard finish?", e.Name, len(missing), n, missing[0])
	}
	return e.finish(d, o, settings, raw)
}

// decodeCells unmarshals every cell output into T.
func decodeCells[T any](raw []json.RawMessage) ([]T, error) {
	out := make([]T, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &out[i]); err != nil {
			return nil, fmt.Errorf("cell %d: %w", i, err)
		}
	}
	return out, nil
}
