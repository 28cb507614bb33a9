// Package metrics measures classifiers and regressors the way scikit-learn
// 1.2 does, on plain Go slices: labels are class indices ([]int), scores,
// probabilities and real values are []float64, [][]float64 or a [n,K]
// *tensor.Tensor.
//
// A tour:
//
//   - [Accuracy], [ConfusionMatrix] and [PrecisionRecallF1] score hard
//     predictions (for example tensor.ArgmaxRows of a model's output);
//     [ScoresFromConfusion] does the same from a confusion matrix already
//     at hand. Undefined ratios are 0, as sklearn's zero_division=0.
//   - [LogLoss] and [LogLossTensor] score predicted probabilities, clipped
//     and renormalised as sklearn's log_loss.
//   - [ROC] builds the ROC curve of a binary scorer, one point per distinct
//     score; [AUC] integrates it by trapezoids and [ROCAUC] does both.
//   - [PrecisionRecallCurve] and [AveragePrecision] are the
//     precision-recall counterparts.
//   - [MacroAUC] and [MacroAUCTensor] average one-vs-rest AUCs over K
//     classes (sklearn's roc_auc_score with multi_class="ovr").
//   - [MAE], [RMSE] and [R2] score a regressor's predictions against the
//     true values (in sklearn's order, y_true first); [MAETensor],
//     [RMSETensor] and [R2Tensor] average them over the columns of [n,k]
//     outputs, as sklearn's multioutput="uniform_average".
//
// Hard-prediction metrics take data that the caller has already checked
// (labels inside [0,k), equal lengths): a violation is a programmer error and
// panics, naming the function. The ranking metrics are where data is
// usually fed straight from a file, and they return errors instead: for
// unequal lengths, labels that are not 0/1 (or not in [0,K)), non-finite
// scores, and for a set holding one class only, where the curve is
// undefined; that last error wraps [ErrOneClass].
package metrics
