package experiments

// bcText is what the report of bce-vs-ce says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var bcText = struct {
	rule, sameLoss, notSame, saturates, headsAlike, convention, bceWorse, noPower, multiUntested,
	setupLosses, setupHeads, lossesTitle, headsTitle, diffTitle,
	lossesCaption text

	lossesHeader, headsHeader, diffHeader []text
}{
	rule: text{
		"yes if BCE with logits and cross-entropy on [0, z] agree to within 1e-9 for every z in [%g, %g] and both targets, and on no binary data set is the BCE head's median (paired over seeds) accuracy or AUC more than %.2f below the CE head's; partly if they agree but the BCE head is worse somewhere; no if they do not agree. A data set on which both heads' median accuracy is at least %.0f%% is reported as having no power to tell them apart. The claim's second half, that CE suits multi-class tasks, is not tested: every data set here is binary.",
		"若对 [%g, %g] 内每个 z 和两种目标，带 logits 的 BCE 与 [0, z] 上的交叉熵之差都在 1e-9 以内，且在每个二分类数据集上 BCE 头的准确率或 AUC 中位数（按种子配对）都不比 CE 头低 %.2f 以上，则成立；若两者一致但 BCE 头在某处更差，则部分成立；若两者不一致则不成立。两种输出头的准确率中位数都至少为 %.0f%% 的数据集被报告为无法区分两者（没有检验力）。主张的后半句“CE 适合多分类”未被检验：这里的数据集都是二分类。",
	},
	sameLoss: text{
		"BCE with logits and cross-entropy on [0, z] differ by at most %s over %d logits in [%g, %g]: sigmoid(z) is softmax([0, z])'s second entry, so the two losses are one function.",
		"在 [%[3]g, %[4]g] 内 %[2]d 个 logit 上，带 logits 的 BCE 与 [0, z] 上的交叉熵之差最多为 %[1]s：sigmoid(z) 就是 softmax([0, z]) 的第二个分量，所以两个损失是同一个函数。",
	},
	notSame: text{
		"BCE with logits and cross-entropy on [0, z] differ by up to %s, more than rounding.",
		"带 logits 的 BCE 与 [0, z] 上的交叉熵最多相差 %s，超出舍入误差。",
	},
	saturates: text{
		"Computed from the probability instead, BCE breaks down: in float64 sigmoid(z) rounds to exactly 1 from z = %g, after which the loss of target 0 is clamped at 100 where it should be z (largest error %s, at z = %g); in float32, the precision most networks train in, it does so already from z = %g. Only the positive side saturates: sigmoid(−50) is still about 2e−22, not 0.",
		"若改为从概率计算，BCE 会失效：在 float64 中从 z = %g 起 sigmoid(z) 恰好舍入为 1，此后目标 0 的损失被截断在 100，而正确值应为 z（最大误差 %s，在 z = %g 处）；在大多数网络训练所用的 float32 中，从 z = %g 起就已如此。只有正半轴会饱和：sigmoid(−50) 仍约为 2e−22，而不是 0。",
	},
	headsAlike: text{
		"Trained on binary data with the same body and seeds, the median paired difference (CE − BCE) in test accuracy is, by data set: %s.",
		"在二分类数据上用同一主体和种子训练，测试准确率的配对差（CE − BCE）中位数按数据集为：%s。",
	},
	convention: text{
		"So BCE does suit binary tasks, but so does CE with two logits, which is the same model with one redundant logit; the split between them is a convention (BCE needs one output, and also covers multi-label tasks), not a difference in what they can learn.",
		"所以 BCE 确实适合二分类，但两个 logit 的 CE 同样适合——它是多了一个冗余 logit 的同一个模型；两者的分工是一种惯例（BCE 只需一个输出，也适用于多标签任务），而不是学习能力的差别。",
	},
	noPower: text{
		"On %s both heads reach a median accuracy of %.0f%% or more: there the comparison has no power to tell them apart.",
		"在 %s 上两种输出头的准确率中位数都达到 %.0f%% 以上：这些数据集上的比较无法区分两者。",
	},
	multiUntested: text{
		"The claim's other half, that CE suits multi-class tasks, is not tested here: every data set is binary.",
		"主张的另一半“CE 适合多分类任务”在这里没有被检验：所有数据集都是二分类。",
	},
	bceWorse: text{
		"The BCE head is worse than the CE head by more than %.2f on %v.",
		"BCE 头在 %[2]v 上比 CE 头差 %.2[1]f 以上。",
	},
	setupLosses: text{
		"(a) For %d logits z from %g to %g (step %g) and both targets: BCE on the probability sigmoid(z) (PyTorch's BCELoss, logs clamped at −100), BCE with logits, and cross-entropy on the two logits [0, z], all computed by nnlab's losses, against the exact softplus value. `max_abs_diff` is the largest |BCE with logits − CE|; `naive_saturation_z` the first z where sigmoid(z) rounds to 1, and `naive_saturation_z_float32` the same with sigmoid computed in float32.",
		"(a) 对 z 从 %[2]g 到 %[3]g（步长 %[4]g）的 %[1]d 个 logit 和两种目标：计算概率 sigmoid(z) 上的 BCE（PyTorch 的 BCELoss，log 截断在 −100）、带 logits 的 BCE、两个 logit [0, z] 上的交叉熵，均用 nnlab 的损失函数计算，并与精确的 softplus 值比较。`max_abs_diff` 是 |带 logits 的 BCE − CE| 的最大值；`naive_saturation_z` 是 sigmoid(z) 第一次舍入为 1 的 z，`naive_saturation_z_float32` 是在 float32 中计算 sigmoid 时的同一值。",
	},
	setupHeads: text{
		"(b) A %s body %v (%s) with a 1-logit head trained by BCE with logits, or a 2-logit head trained by cross-entropy; for each seed both see the same data, batches and body weights. Data: %s (%d points), Adam (lr %g), batch %d, %d epochs. `heads.bce` and `heads.ce` hold test accuracy and AUC by data set; `head_diff` the paired differences CE − BCE.",
		"(b) %s 主体 %v（%s），接 1 个 logit 的输出头用带 logits 的 BCE 训练，或接 2 个 logit 的输出头用交叉熵训练；同一种子下两者使用相同的数据、批次和主体权重。数据：%s（%d 个点），Adam（lr %g），批大小 %d，%d 轮。`heads.bce` 和 `heads.ce` 记录各数据集的测试准确率和 AUC；`head_diff` 是配对差 CE − BCE。",
	},
	lossesTitle: text{
		"The three losses over the grid of logits",
		"logit 网格上的三种损失",
	},
	headsTitle: text{
		"Test accuracy and AUC of the two heads",
		"两种输出头的测试准确率与 AUC",
	},
	diffTitle: text{
		"Paired difference CE − BCE",
		"配对差 CE − BCE",
	},
	lossesCaption: text{
		"The three losses for target 0: BCE with logits and CE coincide; BCE on the probability jumps to its clamp of 100 once sigmoid(z) rounds to 1 (z ≥ %g).",
		"目标为 0 时的三种损失：带 logits 的 BCE 与 CE 重合；一旦 sigmoid(z) 舍入为 1（z ≥ %g），概率形式的 BCE 跳到截断值 100。",
	},
	lossesHeader: []text{{"quantity", "量"}, {"value", "值"}},
	headsHeader:  []text{{"data set", "数据集"}, {"bce accuracy", "bce 准确率"}, {"ce accuracy", "ce 准确率"}, {"bce auc", "bce AUC"}, {"ce auc", "ce AUC"}},
	diffHeader:   []text{{"data set", "数据集"}, {"accuracy", "准确率"}, {"auc", "AUC"}},
}
