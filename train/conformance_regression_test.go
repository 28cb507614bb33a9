package train

import (
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/metrics"
)

// The regression cases: the robust losses as more loss builders, and the
// metrics of scikit-learn as kind "regression".

func init() {
	lossBuilders["l1"] = func(_ *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.L1Loss{Reduction: r}
	}
	lossBuilders["huber"] = func(o *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.HuberLoss{Delta: o.float("delta", 1), Reduction: r} // PyTorch's default delta
	}
	lossBuilders["smooth_l1"] = func(o *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.SmoothL1Loss{Beta: o.float("beta", 1), Reduction: r} // PyTorch's default beta
	}
	runners["regression"] = runRegressionCase
}

// runRegressionCase checks R², MAE and RMSE of y_pred against y_true, a
// vector (one output) or an [n, k] matrix (k outputs, averaged uniformly
// as scikit-learn's default). A case names the metrics it checks; it must
// check at least one.
func runRegressionCase(t *testing.T, c *refCase) {
	c.allowFields("y_true", "y_pred", "r2", "mae", "rmse")
	yt, yp := c.tensor("y_true"), c.tensor("y_pred")
	var r2, mae, rmse float64
	switch yt.Dims() {
	case 1:
		r2, mae, rmse = metrics.R2(yt.Data(), yp.Data()), metrics.MAE(yt.Data(), yp.Data()), metrics.RMSE(yt.Data(), yp.Data())
	case 2:
		r2, mae, rmse = metrics.R2Tensor(yt, yp), metrics.MAETensor(yt, yp), metrics.RMSETensor(yt, yp)
	default:
		c.fatalf("y_true has shape %v, want [n] or [n, k]", yt.Shape())
	}
	checked := 0
	for _, m := range []struct {
		key string
		got float64
	}{{"r2", r2}, {"mae", mae}, {"rmse", rmse}} {
		if c.has(m.key) {
			checked++
			assertCloseSlice(t, m.key, []float64{m.got}, []float64{c.float(m.key)}, refTol)
		}
	}
	if checked == 0 {
		c.fatalf("case checks none of r2, mae, rmse")
	}
}
