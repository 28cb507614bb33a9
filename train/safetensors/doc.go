// Package safetensors reads and writes tensors in Hugging Face's
// safetensors format, so that nnlab checkpoints open in PyTorch
// (safetensors.torch.load_file) and PyTorch's open in nnlab.
//
// A file is an 8-byte little-endian header length N, N bytes of JSON
// mapping each tensor name to {"dtype", "shape", "data_offsets"} (plus an
// optional "__metadata__" map of strings), and then the tensors' raw
// little-endian bytes, row-major, with offsets counted from the start of
// that data section.
//
// A tour:
//
//   - [Encode] writes a map of tensors and string metadata as F64. The bytes
//     depend only on the content (sorted names and keys, the reference
//     writer's JSON and space padding), so a checkpoint can be hashed or
//     compared.
//   - [Decode] reads from any io.ReaderAt and [ReadFile] from a path,
//     widening F32, F16 and BF16 exactly to float64 into a [File].
//   - [WriteFile] saves a checkpoint through package atomicfile, so that a
//     crash leaves either the old file or the new one.
//
// Files are untrusted input. The reader enforces everything the reference
// implementation does, and a little more: the header is at most
// [MaxHeaderSize] bytes and must fit in the file; it must be one JSON
// object without duplicate keys, with well-typed fields; shapes must not
// overflow; each tensor's byte count must equal its shape times its dtype
// size; and sorted by offset, the tensors must cover the data section
// exactly, without gaps or overlaps. Everything is checked before any
// tensor is allocated, so memory use follows the file's real size, never a
// size the header claims. Every failure is an error naming the file, the
// tensor when there is one, and what is wrong; format errors wrap
// [ErrCorrupt], and a valid tensor of a dtype nnlab cannot read (integers,
// booleans, FP8) wraps [ErrUnsupportedDtype].
package safetensors
