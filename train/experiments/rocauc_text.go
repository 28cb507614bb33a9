package experiments

// raText is what the report of roc-auc says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var raText = struct {
	rule, curveOK, curveBad, auc, meanOK, meanBad, spread, partly, sdOff,
	setupRandom, setupTrained, headlineTitle, randomTitle, withinHeader,
	thresholdsTitle, divergedNote, rocCaption text

	headlineHeader, randomHeader, thresholdsHeader []text
}{
	rule: text{
		"yes if every point of the trained model's ROC curve equals the TPR and FPR counted directly at its threshold (within 1e-12) and the curve rises from (0, 0) to (1, 1), the perfect scorer's AUC is exactly 1 for every seed, the random scorers' mean AUC is within 3 standard errors of 0.5 at every test-set size, and at least %.0f%% of random scorers on a test set of the trained model's size (%d) are within %.1f of 0.5; partly if all but the last hold; no otherwise.",
		"若训练模型 ROC 曲线的每个点都等于在其阈值处直接计数得到的 TPR 和 FPR（误差 1e-12 以内）且曲线从 (0, 0) 升到 (1, 1)，完美评分器的 AUC 在每个种子下都恰为 1，随机评分器的平均 AUC 在每种测试集大小下都在 0.5 的 3 个标准误以内，并且在与训练模型相同大小（%[2]d）的测试集上至少 %.0[1]f%% 的随机评分器落在 0.5 ± %.1[3]f 以内，则成立；只有最后一条不成立时为部分成立；否则不成立。",
	},
	curveOK: text{
		"The ROC curve is TPR against FPR over thresholds: each of its points matches a direct count (largest difference %s).",
		"ROC 曲线就是不同阈值下 TPR 对 FPR 的曲线：它的每个点都与直接计数一致（最大差 %s）。",
	},
	curveBad: text{
		"The ROC curve does not match direct counts of TPR and FPR (largest difference %s, monotone: %v).",
		"ROC 曲线与直接计数的 TPR 和 FPR 不一致（最大差 %s，单调：%v）。",
	},
	auc: text{
		"A perfect scorer gets AUC %s; the trained model %s.",
		"完美评分器的 AUC 为 %s；训练模型为 %s。",
	},
	meanOK: text{
		"Random scorers average %.4f on %d test samples, within 3 standard errors of 0.5 at every size,",
		"随机评分器在 %[2]d 个测试样本上的平均 AUC 为 %.4[1]f，在每种大小下都在 0.5 的 3 个标准误以内，",
	},
	meanBad: text{
		"Random scorers average %.4f on %d test samples, but at some size the mean is more than 3 standard errors from 0.5,",
		"随机评分器在 %[2]d 个测试样本上的平均 AUC 为 %.4[1]f，但在某些大小下均值偏离 0.5 超过 3 个标准误，",
	},
	spread: text{
		"and a single one is spread with standard deviation %.3f (theory %.3f): %.0f%% of them land within %.1f of 0.5 there, and on %d samples the spread is %.3f.",
		"而单个随机评分器的标准差为 %.3f（理论 %.3f）：其中 %.0f%% 落在 0.5 ± %.1f 以内；在 %d 个样本上标准差为 %.3f。",
	},
	partly: text{
		"So \"about 0.5\" is true of the average; one random classifier on a test set this small can score 0.6 or 0.4 by chance.",
		"所以“约为 0.5”说的是平均值；在这么小的测试集上，单个随机分类器可能碰巧得到 0.6 或 0.4。",
	},
	sdOff: text{
		"The measured spread differs from theory by more than 10%% at some size (ratios %s).",
		"在某些大小下实测标准差与理论值相差超过 10%%（比值 %s）。",
	},
	setupRandom: text{
		"Random scorers: %d per seed and test-set size %v (balanced labels), each scoring every sample uniformly at random; `random_auc[n]` has the mean and standard deviation of their AUCs against `theory_sd` = sqrt((n_pos + n_neg + 1) / (12·n_pos·n_neg)). `random_auc_mean`, `random_auc_sd` and `theory_sd` are those at the trained model's test size.",
		"随机评分器：每个种子、每种测试集大小 %[2]v（平衡标签）各 %[1]d 个，每个都给每个样本一个均匀随机分数；`random_auc[n]` 给出其 AUC 的均值与标准差，并与 `theory_sd` = sqrt((n_pos + n_neg + 1) / (12·n_pos·n_neg)) 比较。`random_auc_mean`、`random_auc_sd` 和 `theory_sd` 取训练模型测试集大小下的值。",
	},
	setupTrained: text{
		"Trained model: MLP %v (relu, %s) on %s (%d points, noise %g), Adam (lr %g), batch %d, %d epochs; its ROC on the test set (`trained_auc`), checked point by point against direct counts (`roc_definition_error`), and a threshold table. On the same test labels, a random scorer and a perfect one (score = label).",
		"训练模型：MLP %v（relu，%s），数据 %s（%d 个点，噪声 %g），Adam（lr %g），批大小 %d，%d 轮；测试集上的 ROC（`trained_auc`），逐点与直接计数比较（`roc_definition_error`），以及阈值表。在相同测试标签上，另有一个随机评分器和一个完美评分器（分数 = 标签）。",
	},
	headlineTitle: text{
		"Headline numbers (test set of %d)",
		"主要数字（测试集 %d 个样本）",
	},
	randomTitle: text{
		"Random scorers by test-set size (pooled over seeds)",
		"按测试集大小的随机评分器（各种子合并）",
	},
	withinHeader: text{
		"within %.1f of 0.5",
		"在 0.5 ± %.1f 内",
	},
	thresholdsTitle: text{
		"The trained model at fixed thresholds on P(class 1)",
		"训练模型在 P(类别 1) 的固定阈值下的表现",
	},
	divergedNote: text{
		"`diverged`: %d of %d trained runs diverged and are left out.",
		"`diverged`：%d/%d 次训练运行发散，未计入。",
	},
	rocCaption: text{
		"ROC curves of a random scorer, the trained model and a perfect scorer on the same test labels (seed %d), with the diagonal.",
		"同一组测试标签上随机评分器、训练模型和完美评分器的 ROC 曲线（种子 %d），以及对角线。",
	},
	headlineHeader:   []text{{"quantity", "量"}, {"value", "值"}},
	randomHeader:     []text{plain("n"), {"mean AUC", "平均 AUC"}, {"sd", "标准差"}, plain("theory_sd")},
	thresholdsHeader: []text{{"threshold", "阈值"}, plain("TPR"), plain("FPR"), {"precision", "精确率"}},
}
