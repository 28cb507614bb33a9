package experiments

// drText is what the report of dying-relu says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var drText = struct {
	rule, allDiverged, peak, diverged, where, whereAt, whereNone, accuracy,
	pairedControls, mechanism, mechRun, mechCaption, mechSetup, pairedTitle,
	setup, reluTitle, controlsTitle, deadCaption, note text

	reluHeader, controlsHeader, pairedHeader []text
}{
	rule: text{
		"Over the ReLU settings (optimizer, learning rate) where most runs did not diverge, take the one whose median dead fraction has the highest lower end of its 95%% bootstrap interval (the peak). yes if that lower end is at least %.2f and the peak's median is at least %.2f above the median at the smallest rate (%g) with the same optimizer; partly if not, but some such setting has a median of at least %.2f; no otherwise.",
		"在多数运行未发散的 ReLU 设置（优化器、学习率）中，取死亡比例中位数的 95%% 自助法区间下端最高的一个（峰值）。若该下端至少为 %.2[1]f，且峰值的中位数比同一优化器在最小学习率（%[3]g）下的中位数至少高 %.2[2]f，则成立；否则，若有某个这样的设置中位数至少为 %.2[4]f，则部分成立；否则不成立。",
	},
	allDiverged: text{
		"Every ReLU cell diverged in most runs; nothing to measure.",
		"所有 ReLU 单元格的多数运行都发散了，无从测量。",
	},
	peak: text{
		"The most ReLU units die, counting the uncertainty, with %s at lr %g: a median of %s of hidden units are dead after training (%.0f%% at initialisation; %.0f%% at the smallest rate); a median %.0f%% of the units died during training and %.0f%% revived.",
		"把不确定性计算在内，ReLU 单元死得最多的是 %s、学习率 %g：训练后隐藏单元死亡比例中位数为 %s（初始化时 %.0f%%；最小学习率下 %.0f%%）；中位数 %.0f%% 的单元在训练中死亡，%.0f%% 复活。",
	},
	diverged: text{
		"%d ReLU run%s diverged and are counted apart, not as dead.",
		"%d 次 ReLU 运行发散，单独计数，不算作死亡。%.0[2]s",
	},
	setup: text{
		"MLP %v (%s initialisation) on %s (%d points, noise %g), cross-entropy, batch %d, %d epochs, with Adam and plain SGD at learning rates %v. For each seed the data and initial weights are the same at every rate, optimizer and activation, so leaky_relu and elu are paired controls. A hidden unit is dead when its pre-activation is <= 0 on every training sample. Runs whose loss or gradients became NaN or infinite are counted as diverged, not as dead. leaky_relu and elu, measured the same way, are the controls.",
		"MLP %v（%s 初始化），数据 %s（%d 个点，噪声 %g），交叉熵，批大小 %d，%d 轮，分别用 Adam 和普通 SGD，学习率 %v。同一种子在所有学习率、优化器和激活函数下使用相同的数据和初始权重，因此 leaky_relu 与 elu 是配对对照。若一个隐藏单元在所有训练样本上的预激活都 <= 0，则视为死亡。损失或梯度变为 NaN 或无穷的运行记为发散，不算作死亡。leaky_relu 和 elu 用同样的方法测量，作为对照。",
	},
	reluTitle: text{
		"ReLU with %s: dead fraction after training, and the rest, by learning rate",
		"ReLU + %s：训练后的死亡比例及其他指标（按学习率）",
	},
	controlsTitle: text{
		"Paired controls: dead fraction [95% interval] (median accuracy) by learning rate",
		"配对对照：各学习率下的死亡比例 [95% 区间]（准确率中位数）",
	},
	deadCaption: text{
		"Dead fraction (solid) and test accuracy (dashed) against the learning rate with %s, an activation's two lines in one colour, relu drawn on top; diverged runs are left out, and a cross at 0 marks a rate at which most runs diverged.",
		"使用 %s 时死亡比例（实线）与测试准确率（虚线）随学习率的变化，同一激活函数的两条线同色，relu 画在最上层；发散的运行不计入，0 处的叉号表示该学习率下多数运行发散。",
	},
	note: text{
		"×k: k runs diverged (left out of the dead fraction). Fractions are of all hidden units, on the training samples.",
		"×k：k 次运行发散（不计入死亡比例）。比例以全部隐藏单元计，在训练样本上测量。",
	},
	where: text{
		"The effect (the 95%% interval of the median share of units that died during training at or above %.0f%%) appears %s.",
		"该效应（训练中死亡单元比例中位数的 95%% 区间不低于 %.0f%%）出现在：%s。",
	},
	whereAt:   text{"with %s at lr %s", "%s，学习率 %s"},
	whereNone: text{"never with %s", "%s 下从未出现"},
	accuracy: text{
		"Where it appears, the median test accuracy ranges from %.2f to %.2f, against %.2[4]f–%.2[5]f at the smallest rate (%[3]g) with either optimizer.",
		"在出现该效应的设置中，测试准确率中位数在 %.2f 到 %.2f 之间；最小学习率（%[3]g）下两种优化器为 %.2[4]f–%.2[5]f。",
	},
	pairedControls: text{
		"Paired controls at that setting (same data, initial weights and seeds as relu), dead fraction control − relu: %s; a leaky_relu or elu unit that is negative on every sample still passes a gradient (or nearly so), so it can come back.",
		"该设置下的配对对照（与 relu 相同的数据、初始权重和种子），死亡比例之差（对照 − relu）：%s；leaky_relu 或 elu 单元即使在所有样本上为负，仍能（或几乎能）传递梯度，因此可能恢复。",
	},
	mechanism: text{
		"The mechanism, step by step through the first epoch: %s.",
		"机制（第一轮逐步测量）：%s。",
	},
	mechRun: text{
		"with %s the dead fraction goes from %.0f%% at initialisation to %s after the first update and %s after %d updates",
		"%s：死亡比例从初始化时的 %.0f%% 变为第一次更新后的 %s，%[5]d 次更新后为 %[4]s",
	},
	mechSetup: text{
		"Mechanism: the same ReLU network (same data and initial weights per seed) trained for one epoch with each of %s, the dead fraction on the training samples measured before the first update and after every update (`mechanism_dead_by_step`).",
		"机制：同样的 ReLU 网络（每个种子的数据与初始权重相同）分别用 %s 训练一轮，在第一次更新前和每次更新后测量训练样本上的死亡比例（`mechanism_dead_by_step`）。",
	},
	mechCaption: text{
		"Dead fraction of a ReLU network on the training samples after every update of the first epoch, median over seeds; update 0 is the initialisation.",
		"ReLU 网络在第一轮每次更新后于训练样本上的死亡比例（各种子中位数）；第 0 次更新即初始化。",
	},
	pairedTitle: text{
		"Paired difference of the dead fraction, control − relu, at the peak setting (%s, lr %g)",
		"峰值设置（%s，lr %g）下死亡比例的配对差（对照 − relu）",
	},
	pairedHeader:   []text{{"control", "对照"}, {"control − relu [95% interval]", "对照 − relu [95% 区间]"}, {"pairs", "配对数"}},
	reluHeader:     []text{{"lr", "学习率"}, {"dead_fraction", "死亡比例"}, {"dead_at_init", "初始化时死亡"}, {"died", "训练中死亡"}, {"revived", "复活"}, {"accuracy", "准确率"}, {"diverged", "发散"}},
	controlsHeader: []text{{"activation / optimizer", "激活函数 / 优化器"}},
}
