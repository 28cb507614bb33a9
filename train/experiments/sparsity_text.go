package experiments

// sdText is what the report of sparsity-depth says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var sdText = struct {
	rule, sparse, notSparse, notHalving, halving, pathsHalve, pathsDont,
	setupInit, setupTrained, slopesTitle, layersTitle, rateTitle, pathTitle,
	bornTitle, note, rateCaption, pathCaption, ruleControls, own, notOwn,
	setupControls, controlRateTitle, zerosTitle, perLayerTitle, meanHeader text

	gridHeader, slopesHeader, layersHeader, controlHeader, perLayerHeader []text
}{
	rule: text{
		"Fit log2(median) against depth for each width. yes if every median rate at initialisation and the trained network's mean per-layer rate are at most %.1f (sparse: at least %.0f%% exact zeros) and the rate's slope lies in [%g, %g] (a halving per layer, ±25%% in the exponent) for every width; partly if only one of the two halves holds; no if neither.",
		"对每个宽度，用深度拟合 log2(中位数)。若初始化时每个激活率中位数和训练后网络的逐层平均激活率都不超过 %.1f（稀疏：至少 %.0f%% 的输出恰为零），且每个宽度的激活率斜率都落在 [%g, %g]（每层减半，指数允许 ±25%%），则成立；若两半只有一半成立，则部分成立；都不成立则不成立。",
	},
	sparse: text{
		"Sparse, yes: at initialisation (He, zero bias) at most %.2f of the units are active on an input (median over seeds, any width and depth), and after training the deep network's layers average %.2f.",
		"稀疏，是的：初始化时（He，零偏置）一个输入上最多只有 %.2f 的单元处于激活状态（各种子中位数，任意宽度与深度），训练后深层网络各层平均为 %.2f。",
	},
	notSparse: text{
		"Not sparse by the rule: the largest median rate is %.2f and the trained network averages %.2f.",
		"按规则不算稀疏：最大的激活率中位数为 %.2f，训练后网络平均为 %.2f。",
	},
	notHalving: text{
		"But the rate does not fall by 2^N: its fitted slope per layer is %s in log2 (width %d: %s, where the claim needs −1).",
		"但激活率并没有按 2^N 下降：拟合的每层 log2 斜率为 %s（宽度 %d：%s，而该说法需要 −1）。",
	},
	halving: text{
		"And the rate does fall by about 2^N: slopes per layer %s in log2.",
		"激活率确实大约按 2^N 下降：每层 log2 斜率为 %s。",
	},
	pathsHalve: text{
		"What halves per layer is the share of active input-to-output paths, since each layer keeps about half its units: its slope is %s, within the band for widths %v. Narrow networks lose whole layers instead: at width %d and depth %d, %.0f%% of networks are born dead (last hidden layer zero on every input).",
		"每层减半的其实是从输入到输出的激活路径占比，因为每层大约保留一半单元：其斜率为 %s，宽度 %v 落在区间内。窄网络则会整层失活：宽度 %d、深度 %d 时，%.0f%% 的网络一出生就是死的（最后一个隐藏层对所有输入都为零）。",
	},
	pathsDont: text{
		"Not even the share of active paths halves per layer within the band: slopes %s.",
		"就连激活路径占比也没有在区间内逐层减半：斜率为 %s。",
	},
	setupInit: text{
		"At initialisation: ReLU MLPs of widths %v and depths %v hidden layers (%s weights, zero biases), %d networks per cell on %d inputs x ~ N(0, I₂). For every hidden layer the activation rate is the share of (input, unit) pairs with pre-activation > 0. `rate[width][depth]` is the mean over layers; `path_fraction[width][depth]` the mean over inputs of Π_l a_l(x)/width, the share of input-to-output paths all of whose units are active; `born_dead[width][depth]` the share of networks whose last hidden layer is zero on every input. Each is averaged over the cell's networks, then summarised over seeds.",
		"初始化时：宽度 %v、隐藏层深度 %v 的 ReLU MLP（%s 权重，零偏置），每个单元格 %d 个网络，各用 %d 个输入 x ~ N(0, I₂)。每个隐藏层的激活率是预激活 > 0 的（输入，单元）对所占比例。`rate[width][depth]` 是各层的平均；`path_fraction[width][depth]` 是 Π_l a_l(x)/width 在输入上的平均，即所有单元都激活的输入到输出路径所占比例；`born_dead[width][depth]` 是最后一个隐藏层对所有输入都为零的网络比例。每个量先在单元格内的网络上平均，再汇总各种子。",
	},
	setupTrained: text{
		"After training: a ReLU network of %d hidden layers of width %d on %s (%d points), Adam (lr %g), batch %d, %d epochs; the rate of each layer on the training inputs, before and after.",
		"训练后：在 %[3]s（%[4]d 个点）上训练 %[1]d 个宽度为 %[2]d 的隐藏层的 ReLU 网络，Adam（lr %[5]g），批大小 %[6]d，%[7]d 轮；测量每层在训练输入上的激活率，训练前后各一次。",
	},
	slopesTitle: text{
		"Fitted change of log2 per added layer (the claim says −1)",
		"每增加一层 log2 的拟合变化（该说法为 −1）",
	},
	layersTitle: text{
		"Activation rate per layer of the trained network (%d×%d), test accuracy %s",
		"训练网络（%d×%d）的逐层激活率，测试准确率 %s",
	},
	rateTitle: text{
		"Mean per-layer activation rate at initialisation",
		"初始化时逐层平均激活率",
	},
	pathTitle: text{
		"Share of active input-to-output paths at initialisation (2^-depth for comparison: 0.5, 0.25, 0.0625, 0.0039, 1.5e-05)",
		"初始化时激活路径占比（对照 2^-depth：0.5、0.25、0.0625、0.0039、1.5e-05）",
	},
	bornTitle: text{
		"Share of networks born dead",
		"一出生就死亡的网络比例",
	},
	note: text{
		"`rate_per_layer_init` in results.json holds the per-layer rates at depth %d for every width.",
		"results.json 中的 `rate_per_layer_init` 记录了深度 %d 时每个宽度的逐层激活率。",
	},
	rateCaption: text{
		"Activation rate against layer index: at initialisation for depth %d and each width, and for the trained network before and after training.",
		"激活率随层序号的变化：初始化时深度 %d 的各宽度，以及训练网络的训练前后。",
	},
	pathCaption: text{
		"Share of active paths against depth, log scale, with the 2^-depth line (a width's zero is not drawn).",
		"激活路径占比随深度的变化（对数坐标），附 2^-depth 参考线（为零的点不画出）。",
	},
	ruleControls: text{
		"A slope is fitted over the depths whose median is above zero; a zero median (below what the cell resolves) is left out and named, and a width with a depth left out does not count as within the band (the fall there is steeper than the fit says); with fewer than two positive medians it has no slope. The controls %v do not change yes, partly or no; they decide whether the sparsity is ReLU's own: it is if ReLU's median share of exact zeros is at least %.1f in every cell and every control's at most %g.",
		"斜率只在中位数大于零的深度上拟合；中位数为零（低于单元格的分辨率）的深度不计入并注明；有深度未计入的宽度不算落在区间内（那里的下降比拟合所示更陡）；正中位数少于两个时没有斜率。对照 %v 不改变成立、部分成立或不成立；它们决定稀疏是否是 ReLU 自己的性质：若 ReLU 的恰为零输出占比中位数在每个单元格都至少为 %.1f，而每个对照都至多为 %g，则是。",
	},
	own: text{
		"The controls %v, on the same weights and inputs, put out exact zeros at a median share of at most %.3f, against at least %.3f for ReLU: the zeros are ReLU's own (tables `controls` and `zero_share`).",
		"对照 %v 使用相同的权重和输入，恰为零的输出占比中位数至多 %.3f，而 ReLU 至少 %.3f：这些零是 ReLU 自己的（表 `controls` 和 `zero_share`）。",
	},
	notOwn: text{
		"By the rule the sparsity is not shown to be ReLU's own: the controls %v reach a median share of exact zeros of %.3f, ReLU falls to %.3f.",
		"按规则不能说稀疏是 ReLU 自己的：对照 %v 恰为零的输出占比中位数达到 %.3f，ReLU 最低为 %.3f。",
	},
	setupControls: text{
		"Controls: %v on the first %d networks of every cell, the same weights (He, zero bias) and inputs as ReLU. For every activation `controls` gives the rate, the share of pre-activations z > 0 (the positive branch: ReLU's and leaky_relu's identity part, elu's linear part, tanh's positive outputs), and `zero_share` the share of outputs exactly 0 (the sparsity the claim means); both are means over layers.",
		"对照：%v，取每个单元格的前 %d 个网络，权重（He，零偏置）和输入与 ReLU 相同。对每种激活，`controls` 给出激活率，即预激活 z > 0 的比例（正分支：ReLU 和 leaky_relu 的恒等部分、elu 的线性部分、tanh 的正输出），`zero_share` 给出恰为 0 的输出比例（该说法所说的稀疏）；两者都是各层平均。",
	},
	controlRateTitle: text{
		"Rate (share of pre-activations z > 0), mean over layers, for ReLU and its controls",
		"ReLU 及其对照的激活率（预激活 z > 0 的比例），各层平均",
	},
	zerosTitle: text{
		"Share of outputs exactly 0, mean over layers, for ReLU and its controls",
		"ReLU 及其对照恰为 0 的输出比例，各层平均",
	},
	perLayerTitle: text{
		"ReLU's rate of single layers of the %d-layer network at initialisation, beside the mean over its layers",
		"初始化时 %d 层 ReLU 网络单个层的激活率，及各层平均",
	},
	meanHeader:     text{"mean over layers", "各层平均"},
	perLayerHeader: []text{{"width", "宽度"}},
	controlHeader:  []text{{"activation", "激活函数"}, {"width", "宽度"}},
	gridHeader:     []text{{"width \\ depth", "宽度 \\ 深度"}},
	slopesHeader:   []text{{"width", "宽度"}, {"rate", "激活率 rate"}, {"path_fraction", "通路比例 path_fraction"}},
	layersHeader:   []text{{"layer", "层"}, {"before training", "训练前"}, {"after training", "训练后"}},
}
