package experiments

// fnText is what the report of feature-nonlinearity says, in English and
// Chinese. The entries used with f are formats taking the same arguments
// in both languages (Chinese may reorder them with %[n]).
var fnText = struct {
	rule, outcome, setup, accTitle, note, caption, dataHeader, gainHeader text
}{
	rule: text{
		"On %s: yes if the 95%% interval of the median test accuracy with the features %s lies at or above %.2f and the one with the raw inputs %s at or below %.2f; partly if one of the two holds; no if neither. The other data set is reported, not judged.",
		"在 %s 上：若使用特征 %s 时测试准确率中位数的 95%% 区间不低于 %.2f，且使用原始输入 %s 时的区间不高于 %.2f，则成立；只有一项成立则部分成立；都不成立则不成立。另一个数据集只报告，不参与判定。",
	},
	outcome: text{
		"On %s the identity network reaches a median test accuracy of %[3]s with the inputs %[2]s and %[5]s with %[4]s; the paired gain, seed by seed on the same data, is %[6]s.",
		"在 %s 上，恒等网络使用输入 %s 时测试准确率中位数为 %s，使用 %s 时为 %s；在相同数据上逐种子配对的提升为 %s。",
	},
	setup: text{
		"Data %v (%d points each, noise %g, %.0f%% held out for testing); the raw inputs x1, x2 are standardised with the training part's statistics, then each feature set %v is computed from them (datasets.ParseFeatures) and standardised again with the training part's statistics. Both feature sets of a seed see the same points and split. The network is the identity-activation MLP of linear-collapse: Dense layers of hidden sizes %v between the features and two logits, no nonlinear activation, %s initialisation, Adam (lr %g), batch %d, %d epochs, cross-entropy on two logits. `accuracy[dataset][features]` is the test accuracy; `gain[dataset]` the paired difference, nonlinear features minus raw inputs.",
		"数据 %v（各 %d 个点，噪声 %g，%.0f%% 留作测试）；原始输入 x1、x2 先用训练部分的统计量标准化，再由它们计算每个特征集 %v（datasets.ParseFeatures），并再次用训练部分的统计量标准化。同一种子的两个特征集使用相同的点和划分。网络是 linear-collapse 的恒等激活 MLP：特征与两个 logit 之间是隐藏大小为 %v 的 Dense 层，没有非线性激活，%s 初始化，Adam（lr %g），批大小 %d，%d 轮，两个 logit 上的交叉熵。`accuracy[dataset][features]` 是测试准确率；`gain[dataset]` 是配对差（非线性特征减原始输入）。",
	},
	accTitle: text{
		"Test accuracy of the identity network by inputs",
		"恒等网络按输入分的测试准确率",
	},
	note: text{
		"Runs that diverged (`diverged`, left out of the medians): %d. The network is one affine map of its inputs with either feature set (linear-collapse shows the collapse); with x1², x2² among them, the circle's boundary x1² + x2² = r² is a linear function of what the network sees, and with x1·x2 so is xor's.",
		"发散的运行（`diverged`，不计入中位数）：%d。无论用哪个特征集，网络都只是其输入的一个仿射映射（linear-collapse 展示了这种坍缩）；当输入中有 x1²、x2² 时，圆形数据的边界 x1² + x2² = r² 是网络所见输入的线性函数，有 x1·x2 时 xor 的边界也是。",
	},
	caption: text{
		"Decision boundaries of the identity network in the raw plane (x1, x2), seed %d: data sets by inputs. With x1², x2², x1·x2 the boundary is a conic section, still a linear function of the inputs the network sees.",
		"恒等网络在原始平面（x1, x2）上的决策边界，种子 %d：行为数据集，列为输入。加入 x1²、x2²、x1·x2 后，边界是一条二次曲线，但仍是网络所见输入的线性函数。",
	},
	dataHeader: text{"data set", "数据集"},
	gainHeader: text{"gain (paired)", "提升（配对）"},
}
