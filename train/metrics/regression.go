package metrics

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// The regression metrics take the true values first and the predictions
// second, as scikit-learn's do (y_true, y_pred). The slice forms score one
// output; the Tensor forms score [n, k] outputs column by column and
// average the k scores with equal weights, as sklearn's default
// multioutput="uniform_average". Lengths or shapes that differ panic,
// naming the function: the caller has both from one model and one data set.

// MAE returns the mean absolute error (1/n)·Σ|y - ŷ|, as sklearn's
// mean_absolute_error, or NaN for no samples.
func MAE(yTrue, yPred []float64) float64 {
	mustSameValues("MAE", len(yTrue), len(yPred))
	return columnAverage(yTrue, yPred, len(yTrue), 1, mae)
}

// RMSE returns the root mean squared error √((1/n)·Σ(y - ŷ)²), as sklearn's
// mean_squared_error with squared=False, or NaN for no samples.
func RMSE(yTrue, yPred []float64) float64 {
	mustSameValues("RMSE", len(yTrue), len(yPred))
	return columnAverage(yTrue, yPred, len(yTrue), 1, rmse)
}

// R2 returns the coefficient of determination 1 - SS_res/SS_tot, with
// SS_res = Σ(y - ŷ)² and SS_tot = Σ(y - ȳ)², as sklearn's r2_score. Like
// sklearn (force_finite=True) it is 1 for constant true values predicted
// exactly, 0 for constant true values predicted otherwise, and NaN for
// fewer than two samples, where it is not well defined.
func R2(yTrue, yPred []float64) float64 {
	mustSameValues("R2", len(yTrue), len(yPred))
	return columnAverage(yTrue, yPred, len(yTrue), 1, r2)
}

// MAETensor returns MAE of each column of the [n, k] tensors, averaged.
func MAETensor(yTrue, yPred *tensor.Tensor) float64 {
	n, k := mustSameMatrix("MAETensor", yTrue, yPred)
	return columnAverage(yTrue.Data(), yPred.Data(), n, k, mae)
}

// RMSETensor returns RMSE of each column of the [n, k] tensors, averaged,
// as sklearn averages the per-output RMSEs (not the root of the mean MSE).
func RMSETensor(yTrue, yPred *tensor.Tensor) float64 {
	n, k := mustSameMatrix("RMSETensor", yTrue, yPred)
	return columnAverage(yTrue.Data(), yPred.Data(), n, k, rmse)
}

// R2Tensor returns R2 of each column of the [n, k] tensors, averaged, as
// sklearn's r2_score with multioutput="uniform_average".
func R2Tensor(yTrue, yPred *tensor.Tensor) float64 {
	n, k := mustSameMatrix("R2Tensor", yTrue, yPred)
	return columnAverage(yTrue.Data(), yPred.Data(), n, k, r2)
}

// columnScore scores column j of n rows of k values each.
type columnScore func(y, p []float64, n, k, j int) float64

// columnAverage returns the mean over the k columns of score, NaN for no
// rows.
func columnAverage(y, p []float64, n, k int, score columnScore) float64 {
	if n == 0 || k == 0 {
		return math.NaN()
	}
	s := 0.0
	for j := range k {
		s += score(y, p, n, k, j)
	}
	return s / float64(k)
}

func mae(y, p []float64, n, k, j int) float64 {
	s := 0.0
	for i := j; i < n*k; i += k {
		s += math.Abs(y[i] - p[i])
	}
	return s / float64(n)
}

func rmse(y, p []float64, n, k, j int) float64 {
	s := 0.0
	for i := j; i < n*k; i += k {
		d := y[i] - p[i]
		s += float64(d * d)
	}
	return math.Sqrt(s / float64(n))
}

func r2(y, p []float64, n, k, j int) float64 {
	if n < 2 {
		return math.NaN()
	}
	mean := 0.0
	for i := j; i < n*k; i += k {
		mean += y[i]
	}
	mean /= float64(n)
	var res, tot float64
	for i := j; i < n*k; i += k {
		d, e := y[i]-p[i], y[i]-mean
		res += float64(d * d)
		tot += float64(e * e)
	}
	switch {
	case res == 0:
		return 1 // a perfect fit, even of constant values
	case tot == 0:
		return 0 // constant values, imperfectly predicted
	}
	return 1 - res/tot
}

// mustSameValues panics unless there are as many predictions as true
// values.
func mustSameValues(op string, n, m int) {
	if n != m {
		panic(fmt.Sprintf("metrics: %s: %d true values and %d predictions", op, n, m))
	}
}

// mustSameMatrix panics unless a and b are matrices of one shape, and
// returns their rows and columns.
func mustSameMatrix(op string, a, b *tensor.Tensor) (n, k int) {
	if a.Dims() != 2 || !tensor.SameShape(a, b) {
		panic(fmt.Sprintf("metrics: %s: true values %v and predictions %v must be matrices of one shape", op, a.Shape(), b.Shape()))
	}
	return a.Rows(), a.Cols()
}
