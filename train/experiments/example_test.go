package experiments_test

import (
	"context"
	"fmt"

	"github.com/nnlab/nnlab/train/experiments"
)

// Run one experiment from Go and read a table of its result.
func Example() {
	e, _ := experiments.Lookup("roc-auc")
	r, err := e.Run(context.Background(), experiments.QuickOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	var perfect experiments.Stats
	if err := r.Table("perfect_auc", &perfect); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Experiment, "seeds", r.Seeds)
	fmt.Println("perfect scorer's AUC:", perfect.Median)
	// Output:
	// roc-auc seeds [1 2]
	// perfect scorer's AUC: 1
}
