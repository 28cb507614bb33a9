package metrics_test

import (
	"fmt"

	"github.com/nnlab/nnlab/train/metrics"
)

// A classifier's scores for six samples, two of them tied at 0.5: the tie
// makes one point of the curve, a diagonal step.
func ExampleROC() {
	labels := []int{0, 1, 0, 1, 1, 0}
	scores := []float64{0.5, 0.5, 0.2, 0.9, 0.2, 0.1}
	curve, err := metrics.ROC(labels, scores)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("thresholds", curve.Thresholds)
	fmt.Printf("FPR %.3f\n", curve.FPR)
	fmt.Printf("TPR %.3f\n", curve.TPR)
	fmt.Printf("AUC %.4f\n", metrics.AUC(curve))

	_, err = metrics.ROCAUC([]int{1, 1}, []float64{0.3, 0.8})
	fmt.Println(err)
	// Output:
	// thresholds [0.9 0.5 0.2 0.1]
	// FPR [0.000 0.000 0.333 0.667 1.000]
	// TPR [0.000 0.333 0.667 1.000 1.000]
	// AUC 0.7778
	// metrics: ROCAUC: 2 positives and 0 negatives: only one class present
}

func ExamplePrecisionRecallF1() {
	labels := []int{0, 0, 1, 1, 2, 2}
	pred := []int{0, 1, 1, 1, 0, 2}
	fmt.Println(metrics.ConfusionMatrix(pred, labels, 3))
	s := metrics.PrecisionRecallF1(pred, labels, 3)
	fmt.Printf("accuracy %.3f, precision %.3f, recall %.3f, macro F1 %.3f\n",
		metrics.Accuracy(pred, labels), s.Precision, s.Recall, s.MacroF1)
	// Output:
	// [[1 1 0] [0 2 0] [1 0 1]]
	// accuracy 0.667, precision [0.500 0.667 1.000], recall [0.500 1.000 0.500], macro F1 0.656
}
