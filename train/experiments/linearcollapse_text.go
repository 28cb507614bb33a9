package experiments

// lcText is what the report of linear-collapse says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var lcText = struct {
	rule, collapsed, compare, noneSeparates, notCollapsed, strictOnly,
	diverged, setupCollapse, setupTrain, accuracyTitle, deviationTitle,
	boundaryCaption text

	accuracyHeader, deviationHeader []text
}{
	rule: text{
		"yes if max_deviation < 1e-9 and, on every data set, the identity network's median test accuracy is below %.2f while relu's or tanh's reaches %.2f; partly if the collapse holds and identity stays below %.2f everywhere but relu and tanh also stay below it on some data set; no otherwise.",
		"若 max_deviation < 1e-9，且在每个数据集上恒等激活网络的测试准确率中位数都低于 %.2f，而 relu 或 tanh 达到 %.2f，则成立；若坍缩成立、恒等网络处处低于 %.2f，但在某个数据集上 relu 和 tanh 也未达到，则部分成立；否则不成立。",
	},
	collapsed: text{
		"The identity network equals its single affine map to within %s (largest difference over %d networks, each compared before and after training), so depth adds nothing: it is one linear map.",
		"恒等激活网络与其单一仿射映射的差异不超过 %s（%d 个网络，各在训练前后比较，取最大差值），所以深度没有增加任何东西：它就是一个线性映射。",
	},
	compare: text{
		"Its median test accuracy is at most %s (on %s) and within %.2f of a one-layer logistic regression's on every data set, while relu or tanh separate %s.",
		"其测试准确率中位数最高为 %s（%s），在每个数据集上与单层逻辑回归相差不超过 %.2f，而 relu 或 tanh 能分开 %s。",
	},
	noneSeparates: text{
		"But no network separates %v either at these settings, so there the lesson is not shown.",
		"但在这些设置下，%v 也没有网络能分开，因此这些数据集上无法体现这一结论。",
	},
	notCollapsed: text{
		"The identity network differs from its affine map by %s, more than rounding allows.",
		"恒等激活网络与其仿射映射相差 %s，超出了舍入误差。",
	},
	strictOnly: text{
		"\"Cannot separate\" is true in the strict sense only: a linear boundary still classifies %.0f%% of %s correctly.",
		"“无法分开”只在严格意义上成立：线性边界在 %[2]s 上仍能正确分类 %.0[1]f%% 的点。",
	},
	diverged: text{
		"Left out: %d diverged run%s.",
		"%d 次运行发散，未计入。%.0[2]s",
	},
	setupCollapse: text{
		"(a) A network of layer sizes %v with the identity activation (PyTorch's default initialisation, biases included) is collapsed into one affine map x ↦ A·x + c by multiplying out its weights; `max_deviation` is the largest |network(x) − (A·x + c)| over %d random inputs x ~ N(0, 2²), before and after training.",
		"(a) 层宽为 %v、使用恒等激活（PyTorch 默认初始化，含偏置）的网络，通过把权重相乘合并为一个仿射映射 x ↦ A·x + c；`max_deviation` 是 %d 个随机输入 x ~ N(0, 2²) 上 |network(x) − (A·x + c)| 的最大值，训练前后都测。",
	},
	setupTrain: text{
		"(b) The same architecture is trained with identity, relu and tanh, and a one-layer logistic regression beside them, on %s (%d points each, %.0f%% held out for testing, standardised), with Adam (lr %g), batch %d, %d epochs, cross-entropy on two logits. `accuracy[dataset][activation]` is the test accuracy: median over seeds [95%% interval].",
		"(b) 同一结构分别用 identity、relu、tanh 训练，另加一个单层逻辑回归作对照，数据集为 %s（各 %d 个点，%.0f%% 留作测试，已标准化），Adam（lr %g），批大小 %d，%d 轮，两个 logit 的交叉熵。`accuracy[dataset][activation]` 是测试准确率：各种子的中位数 [95%% 区间]。",
	},
	accuracyTitle: text{
		"Test accuracy by data set and activation",
		"各数据集与激活函数的测试准确率",
	},
	deviationTitle: text{
		"Largest deviation of the identity network from its affine map",
		"恒等网络与其仿射映射的最大偏差",
	},
	boundaryCaption: text{
		"Decision boundaries on the test points (seed %d): rows are data sets, columns activations.",
		"测试点上的决策边界（种子 %d）：行是数据集，列是激活函数。",
	},
	accuracyHeader:  []text{{"data set", "数据集"}},
	deviationHeader: []text{{"networks compared (each before and after training)", "比较的网络数（各在训练前后）"}, plain("max_deviation")},
}
