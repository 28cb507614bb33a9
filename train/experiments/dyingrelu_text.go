package experiments

// drText is what the report of dying-relu says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var drText = struct {
	rule, allDiverged, peak, notActivation, easyTask, diverged, understated,
	setup, reluTitle, controlsTitle, deadCaption, note text

	reluHeader, controlsHeader []text
}{
	rule: text{
		"Over the ReLU runs that did not diverge, take the largest median dead fraction over optimizers and learning rates (cells where most runs diverged are skipped). yes if it is at least %.2f and at least %.2f above the median at the smallest rate (%g); partly if it is between %.2f and %.2f, or above %.2f without that rise; no if it is below %.2f.",
		"在未发散的 ReLU 运行中，取各优化器与学习率下死亡比例中位数的最大值（多数运行发散的单元格跳过）。若它至少为 %.2[1]f，且比最小学习率（%[3]g）下的中位数至少高 %.2[2]f，则成立；若在 %.2[4]f 与 %.2[5]f 之间，或高于 %.2[6]f 但没有这样的上升，则部分成立；低于 %.2[7]f 则不成立。",
	},
	allDiverged: text{
		"Every ReLU cell diverged in most runs; nothing to measure.",
		"所有 ReLU 单元格的多数运行都发散了，无从测量。",
	},
	peak: text{
		"The most ReLU units die with %s at lr %g: a median of %.0f%% of hidden units are dead after training (%.0f%% at initialisation; %.0f%% at the smallest rate), and the network's median test accuracy there is %.2f. Of the units, a median %.0f%% died during training and %.0f%% revived. The controls measured the same way at that setting: %s; their \"dead\" units still pass a gradient (leaky_relu) or nearly so (elu).",
		"ReLU 单元死得最多的是 %s、学习率 %g：训练后隐藏单元死亡比例中位数为 %.0f%%（初始化时 %.0f%%；最小学习率下 %.0f%%），此时网络测试准确率中位数为 %.2f。其中中位数 %.0f%% 的单元在训练中死亡，%.0f%% 复活。同样方法测得的对照组：%s；它们的“死”单元仍能传递梯度（leaky_relu），或几乎能（elu）。",
	},
	notActivation: text{
		"So the high rate drives pre-activations below zero whatever the activation (leaky_relu: %.0f%% of units negative on every sample); what makes it death for ReLU is that those units then receive no gradient at all.",
		"可见高学习率会把预激活推到零以下，与激活函数无关（leaky_relu：%.0f%% 的单元在所有样本上为负）；对 ReLU 而言，这之所以成为死亡，是因为这些单元之后完全得不到梯度。",
	},
	easyTask: text{
		"On this easy task the median test accuracy stayed at %.2f all the same (worst seed %.2f): the surviving units suffice.",
		"在这个简单任务上，测试准确率中位数仍保持在 %.2f（最差的种子为 %.2f）：剩下的单元已经足够。",
	},
	diverged: text{
		"%d ReLU runs diverged and are counted apart, not as dead.",
		"%d 次 ReLU 运行发散，单独计数，不算作死亡。",
	},
	understated: text{
		"\"As much as 40%%\" understates it here: %.0f%%.",
		"这里“多达 40%%”反而说少了：%.0f%%。",
	},
	setup: text{
		"MLP %v (%s initialisation) on %s (%d points, noise %g), cross-entropy, batch %d, %d epochs, with Adam and plain SGD at learning rates %v. For each seed the data and initial weights are the same at every rate and optimizer. A hidden unit is dead when its pre-activation is <= 0 on every training sample. Runs whose loss or gradients became NaN or infinite are counted as diverged, not as dead. leaky_relu and elu, measured the same way, are the controls.",
		"MLP %v（%s 初始化），数据 %s（%d 个点，噪声 %g），交叉熵，批大小 %d，%d 轮，分别用 Adam 和普通 SGD，学习率 %v。同一种子在所有学习率和优化器下使用相同的数据和初始权重。若一个隐藏单元在所有训练样本上的预激活都 <= 0，则视为死亡。损失或梯度变为 NaN 或无穷的运行记为发散，不算作死亡。leaky_relu 和 elu 用同样的方法测量，作为对照。",
	},
	reluTitle: text{
		"ReLU with %s: dead fraction after training, and the rest, by learning rate",
		"ReLU + %s：训练后的死亡比例及其他指标（按学习率）",
	},
	controlsTitle: text{
		"Controls: median dead fraction (median accuracy) by learning rate",
		"对照组：各学习率下死亡比例中位数（准确率中位数）",
	},
	deadCaption: text{
		"Dead fraction and test accuracy against the learning rate with %s; diverged runs are left out.",
		"使用 %s 时死亡比例与测试准确率随学习率的变化；发散的运行不计入。",
	},
	note: text{
		"×k: k runs diverged (left out of the dead fraction). Fractions are of all hidden units, on the training samples.",
		"×k：k 次运行发散（不计入死亡比例）。比例以全部隐藏单元计，在训练样本上测量。",
	},
	reluHeader:     []text{plain("lr"), plain("dead_fraction"), plain("dead_at_init"), plain("died"), plain("revived"), plain("accuracy"), plain("diverged")},
	controlsHeader: []text{{"activation / optimizer", "激活函数 / 优化器"}},
}
