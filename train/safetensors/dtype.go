package safetensors

import (
	"encoding/binary"
	"math"
)

// dtypeSize is the element size in bytes of every dtype the reference
// implementation defines. Knowing the size of dtypes we cannot convert lets
// us check a file's layout fully before saying which tensor we cannot read.
var dtypeSize = map[string]int{
	"BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
	"I16": 2, "U16": 2, "F16": 2, "BF16": 2,
	"I32": 4, "U32": 4, "F32": 4,
	"F64": 8, "I64": 8, "U64": 8,
}

// elemDecoder converts little-endian elements to float64: len(dst) elements
// from len(dst)*size bytes of src.
type elemDecoder func(dst []float64, src []byte)

// decoders lists the dtypes we read. Integer dtypes are left out on purpose:
// an I64 step counter silently turned into a float64 weight would be a
// surprise, and nnlab never writes one.
var decoders = map[string]elemDecoder{
	"F64":  decodeF64,
	"F32":  decodeF32,
	"F16":  decodeF16,
	"BF16": decodeBF16,
}

func decodeF64(dst []float64, src []byte) {
	_ = src[:8*len(dst)]
	for i := range dst {
		dst[i] = math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:]))
	}
}

func decodeF32(dst []float64, src []byte) {
	_ = src[:4*len(dst)]
	for i := range dst {
		dst[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:])))
	}
}

// bfloat16 is the top half of a float32, so widening is a shift.
func decodeBF16(dst []float64, src []byte) {
	_ = src[:2*len(dst)]
	for i := range dst {
		bits := uint32(binary.LittleEndian.Uint16(src[2*i:])) << 16
		dst[i] = float64(math.Float32frombits(bits))
	}
}

func decodeF16(dst []float64, src []byte) {
	_ = src[:2*len(dst)]
	for i := range dst {
		dst[i] = halfToFloat64(binary.LittleEndian.Uint16(src[2*i:]))
	}
}

// halfToFloat64 widens an IEEE 754 binary16 exactly, keeping the sign of
// zeros and the payload of NaNs.
func halfToFloat64(h uint16) float64 {
	sign := uint64(h>>15) << 63
	exp := uint64(h>>10) & 0x1f
	mant := uint64(h) & 0x3ff
	switch exp {
	case 0:
		// Subnormal (or zero): mant·2⁻²⁴ is exact in float64.
		v := math.Ldexp(float64(mant), -24)
		if sign != 0 {
			v = -v
		}
		return v
	case 0x1f:
		return math.Float64frombits(sign | 0x7ff<<52 | mant<<42)
	default:
		return math.Float64frombits(sign | (exp-15+1023)<<52 | mant<<42)
	}
}
