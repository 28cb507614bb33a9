//go:build js && wasm

// Command wasm is the lab's engine compiled to WebAssembly: it sets the
// global object nnlab, whose functions the page's Web Worker calls, and
// waits. Build it with `go generate ./cmd/train/internal/lab` (docs/lab.md).
//
//	nnlab.catalogue()            -> {data, activations}: the names on offer
//	nnlab.newSession(configJSON) -> setup JSON, or {"error": ...}
//	nnlab.step(epochs)           -> step report JSON
//	nnlab.picture(grid, unitGrid)-> {meta: picture JSON, values: Float64Array of its heatmaps}
//	nnlab.model()                -> Uint8Array of model.safetensors, or an error string
//	nnlab.dataCSV()              -> the data set as CSV text
//	nnlab.collapse()             -> the affine map an identity network equals (engine.Collapse) JSON, or null
//	nnlab.upload(bytes, name, task) -> {columns, rows, classes} JSON, or {"error": ...};
//	                                the data set of sessions with data "upload"
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"
	"unsafe"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
	"github.com/nnlab/nnlab/datasets"
)

var (
	session *engine.Session
	extent  float64
	upload  *datasets.Dataset
)

func main() {
	api := map[string]any{
		"newSession": js.FuncOf(newSession),
		"step":       js.FuncOf(step),
		"picture":    js.FuncOf(picture),
		"model":      js.FuncOf(model),
		"dataCSV":    js.FuncOf(dataCSV),
		"upload":     js.FuncOf(uploadCSV),
		"collapse":   js.FuncOf(collapse),
		"catalogue": js.FuncOf(func(js.Value, []js.Value) any {
			return marshal(engine.NewCatalogue())
		}),
	}
	js.Global().Set("nnlab", js.ValueOf(api))
	select {}
}

// guard turns a panic in the engine into an error report, so that a bug
// shows in the page instead of killing the worker.
func guard(out *any) {
	if r := recover(); r != nil {
		*out = errorJSON(fmt.Errorf("internal error: %v", r))
	}
}

func errorJSON(err error) string {
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(b)
}

func marshal(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return errorJSON(err)
	}
	return string(b)
}

func newSession(_ js.Value, args []js.Value) (out any) {
	defer guard(&out)
	cfg := engine.DefaultConfig()
	if len(args) != 1 {
		return errorJSON(fmt.Errorf("newSession takes one argument"))
	}
	if err := json.Unmarshal([]byte(args[0].String()), &cfg); err != nil {
		return errorJSON(fmt.Errorf("settings: %v", err))
	}
	s, err := engine.NewWithData(cfg, upload)
	if err != nil {
		return errorJSON(err)
	}
	session = s
	setup := s.Setup()
	extent = setup.Points.Extent
	return marshal(setup)
}

func step(_ js.Value, args []js.Value) (out any) {
	defer guard(&out)
	if session == nil {
		return errorJSON(fmt.Errorf("no session"))
	}
	return marshal(session.StepReport(args[0].Int()))
}

func picture(_ js.Value, args []js.Value) (out any) {
	defer guard(&out)
	if session == nil {
		return errorJSON(fmt.Errorf("no session"))
	}
	r := session.PictureReport(args[0].Int(), args[1].Int(), extent)
	obj := js.Global().Get("Object").New()
	obj.Set("meta", marshal(r))
	obj.Set("values", float64Array(r.Values))
	return obj
}

// float64Array copies v into a new Float64Array in one call: a playing
// page takes thousands of heatmap values every frame, which as JSON
// would cost more than the epoch that drew them.
func float64Array(v []float64) js.Value {
	arr := js.Global().Get("Float64Array").New(len(v))
	if len(v) > 0 {
		// WebAssembly and typed arrays are both little-endian.
		b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 8*len(v))
		js.CopyBytesToJS(js.Global().Get("Uint8Array").New(arr.Get("buffer")), b)
	}
	return arr
}

func model(_ js.Value, _ []js.Value) (out any) {
	defer guard(&out)
	if session == nil {
		return "no session"
	}
	b, err := session.ModelBytes()
	if err != nil {
		return err.Error()
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	return arr
}

func dataCSV(_ js.Value, _ []js.Value) (out any) {
	defer guard(&out)
	if session == nil {
		return ""
	}
	return string(session.DataCSV())
}

func uploadCSV(_ js.Value, args []js.Value) (out any) {
	defer guard(&out)
	if len(args) != 3 {
		return errorJSON(fmt.Errorf("upload takes the bytes, the file name and the task"))
	}
	n := args[0].Get("length").Int()
	if n > engine.MaxUploadBytes {
		return errorJSON(fmt.Errorf("%s: %d bytes; the lab reads CSV files up to %d MB", args[1].String(), n, engine.MaxUploadBytes>>20))
	}
	b := make([]byte, n)
	js.CopyBytesToGo(b, args[0])
	ds, err := engine.ReadUpload(b, args[1].String(), args[2].String())
	if err != nil {
		return errorJSON(err)
	}
	upload = ds
	return marshal(map[string]any{"columns": ds.Features, "rows": ds.Len(), "classes": ds.Classes})
}

func collapse(_ js.Value, _ []js.Value) (out any) {
	defer guard(&out)
	if session == nil {
		return errorJSON(fmt.Errorf("no session"))
	}
	c, ok := session.Collapse()
	if !ok {
		return "null"
	}
	return marshal(c)
}
