// Package atomicfile replaces files so that a reader, or a crash, sees the
// old file or the new one and never half of each: the checkpoints of
// safetensors, the PNG files of plots, the JSON and Markdown of
// experiments and every file the train command writes go through it.
//
// A tour:
//
//   - [Write] runs a write function into a temporary file next to the
//     target, syncs it, renames it over the target and syncs the
//     directory. If the function fails or panics, or any step does, the
//     temporary file is removed and the target is left as it was.
//   - A symbolic link is followed: the file it names is replaced, the link
//     stays. A replaced file keeps its permissions; a new one gets 0644.
//   - A target that is not a regular file, such as /dev/null, /dev/stdout
//     or a named pipe, has nothing to protect and cannot be renamed over,
//     so it is written in place. A directory is an error, reported before
//     the write function runs, as is a missing parent directory.
//
// Every error names the path as the caller gave it.
package atomicfile
