package experiments

// raText is what the report of roc-auc says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var raText = struct {
	rule, curveOK, curveBad, auc, meanOK, meanBad, spread, sdOff, chanceHeader,
	setupRandom, setupTrained, headlineTitle, randomTitle, withinHeader,
	thresholdsTitle, divergedNote, rocCaption text

	headlineHeader, randomHeader, thresholdsHeader []text
}{
	rule: text{
		"yes if every point of the trained model's ROC curve equals the TPR and FPR counted directly at its threshold (within 1e-12) and the curve rises from (0, 0) to (1, 1), the perfect scorer's AUC is exactly 1 for every seed, and the expected AUC of a random scorer, estimated at every test-set size by the mean over all random scorers with its 95%% bootstrap interval over seeds, has that interval inside 0.5 ± %g; no if none of these three holds; partly otherwise. The spread of single random scorers is reported, not judged: it is what one random classifier can score by chance, and shrinks with the test set.",
		"若训练模型 ROC 曲线的每个点都等于在其阈值处直接计数得到的 TPR 和 FPR（误差 1e-12 以内）且曲线从 (0, 0) 升到 (1, 1)，完美评分器的 AUC 在每个种子下都恰为 1，并且随机评分器的期望 AUC（在每种测试集大小下取全部随机评分器的均值，并对种子做 95%% 自助法区间）的区间落在 0.5 ± %g 以内，则成立；三条都不成立则不成立；否则部分成立。单个随机评分器的离散程度只报告、不判定：它是单个随机分类器碰巧能得到的分数，随测试集增大而缩小。",
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
		"The expected AUC of a random scorer (mean [95%% interval]) is, by test-set size, %s: within %g of 0.5 at every size.",
		"随机评分器的期望 AUC（均值 [95%% 区间]）按测试集大小为 %s：在每种大小下都在 0.5 ± %g 以内。",
	},
	meanBad: text{
		"The expected AUC of a random scorer (mean [95%% interval]) is, by test-set size, %s: not within %g of 0.5 at every size.",
		"随机评分器的期望 AUC（均值 [95%% 区间]）按测试集大小为 %s：并非在每种大小下都在 0.5 ± %g 以内。",
	},
	spread: text{
		"A single random classifier, though, scores anywhere in its central 95%% range by chance: %s samples; on the trained model's test set %.0f%% of them land within %.1f of 0.5 (n = %d).",
		"但单个随机分类器的得分会因偶然落在其中间 95%% 范围内的任何位置：%s；在训练模型的测试集上（n = %[4]d），%.0[2]f%% 落在 0.5 ± %.1[3]f 以内。",
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
	chanceHeader:     text{"one scorer, central 95%", "单个评分器的中间 95%"},
	headlineHeader:   []text{{"quantity", "量"}, {"value", "值"}},
	randomHeader:     []text{plain("n"), {"expected AUC [95% interval]", "期望 AUC [95% 区间]"}, {"sd", "标准差"}, {"theory_sd", "理论标准差"}},
	thresholdsHeader: []text{{"threshold", "阈值"}, plain("TPR"), plain("FPR"), {"precision", "精确率"}},
}
