package autograd

import "github.com/nnlab/nnlab/tensor"

// Sum returns the sum of all elements of a as a scalar.
func Sum(a *Var) *Var {
	return result(tensor.Scalar(a.value.Sum()), func(out *Var) {
		g := out.grad.Item()
		ag := a.gradBuf().Data()
		for i := range ag {
			ag[i] += g
		}
	}, a)
}

// Mean returns the mean of all elements of a as a scalar.
func Mean(a *Var) *Var {
	n := float64(a.value.Len())
	return result(tensor.Scalar(a.value.Sum()/n), func(out *Var) {
		g := out.grad.Item() / n
		ag := a.gradBuf().Data()
		for i := range ag {
			ag[i] += g
		}
	}, a)
}
