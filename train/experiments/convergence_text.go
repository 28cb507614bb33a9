package experiments

// cvText is what the report of convergence says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var cvText = struct {
	rule, gradOK, gradVanishes, never, fasterBoth,
	fasterSigmoid, fasterTanh, fasterNeither, setupGrad, setupSpeed,
	gradTitle, epochsTitle, byLRTitle, gradCaption, noEpochsFigure,
	epochsCaption, speed, note, dependsOnInit, noBest text

	initNames map[string]text

	gradHeader, epochsHeader, byLRHeader []text
}{
	rule: text{
		"grad_ratio is RMS(gradient of layer 2's weights) / RMS(gradient of layer %d's, the last hidden layer); below %g counts as vanishing; it is measured on %d seeds. Epochs count as infinite for a run that never reaches the target; each activation is taken at the learning rate with the fewest median epochs among those where more than half the runs reached the target (none: no best rate, never). Gradient clause: relu's median grad_ratio is at least %g, judged under each initialisation (the usual He/Glorot and PyTorch's default). Speed clause: relu's median epochs are at most 1/%g of both tanh's and sigmoid's. yes if the gradient clause holds under both initialisations and the speed clause holds; no if the gradient clause holds under neither and the speed clause fails; partly otherwise.",
		"grad_ratio 是第 2 层权重梯度的 RMS 与第 %d 层（最后一个隐藏层）权重梯度 RMS 之比；低于 %g 视为梯度消失；在 %d 个种子上测量。从未达到目标的运行轮数记为无穷大；每个激活函数取超过一半运行达到目标的学习率中中位轮数最少的一个（没有则无最佳学习率，记为未达到）。梯度条款：relu 的 grad_ratio 中位数至少为 %g，在每种初始化（常用的 He/Glorot 与 PyTorch 默认）下分别判定。速度条款：relu 的中位轮数不超过 tanh 和 sigmoid 的 1/%g。若梯度条款在两种初始化下都成立且速度条款成立，则成立；若梯度条款在两种初始化下都不成立且速度条款也不成立，则不成立；否则部分成立。",
	},
	gradOK: text{
		"With %s, relu's gradient ratio at initialisation is %s: at least %g, its gradients do not vanish; tanh's is %s and sigmoid's %s.",
		"使用%s时，relu 初始化时的梯度比为 %s：不低于 %g，梯度没有消失；tanh 为 %s，sigmoid 为 %s。",
	},
	gradVanishes: text{
		"With %s, relu's gradient ratio at initialisation is %s: below %g, its early-layer gradients vanish too; tanh's is %s and sigmoid's %s.",
		"使用%s时，relu 初始化时的梯度比为 %s：低于 %g，其前几层梯度同样消失；tanh 为 %s，sigmoid 为 %s。",
	},
	dependsOnInit: text{
		"Whether gradients vanish depends on the initialisation as much as on the activation: not saturating alone does not keep them from shrinking.",
		"梯度是否消失既取决于激活函数，也同样取决于初始化：仅仅不饱和并不能阻止梯度衰减。",
	},
	noBest: text{"— (never)", "—（未达到）"},
	initNames: map[string]text{
		"recommended": {"the usual initialisation (He for the ReLU family, Glorot for tanh and sigmoid)", "常用初始化（ReLU 家族用 He，tanh 与 sigmoid 用 Glorot）"},
		"torch":       {"PyTorch's default initialisation", " PyTorch 默认初始化"},
	},
	never: text{
		"never",
		"未达到",
	},
	fasterBoth: text{
		"That is at least %gx faster than both.",
		"即比两者都快至少 %g 倍。",
	},
	fasterSigmoid: text{
		"Much faster than sigmoid, but not %gx faster than tanh.",
		"比 sigmoid 快得多，但并没有比 tanh 快 %g 倍。",
	},
	fasterTanh: text{
		"Much faster than tanh, but not %gx faster than sigmoid.",
		"比 tanh 快得多，但并没有比 sigmoid 快 %g 倍。",
	},
	fasterNeither: text{
		"Not %gx faster than either.",
		"并没有比两者快 %g 倍。",
	},
	setupGrad: text{
		"(a) Gradients at initialisation: an MLP of %d dense layers of width %d (%d hidden activations), one backward pass of cross-entropy over %d points of %s, on %d seeds. Each activation gets its usual initialiser (He for the ReLU family, Glorot for tanh and sigmoid: `grad_ratio`) and, for comparison, PyTorch's default (`grad_ratio_torch_init`). The points are drawn afresh for every seed from the cell's seeded generator: %[7]d points of the set (noise %[8]g), a stratified %[9]g%% held out, the rest standardised on their own mean and spread; the ratio is the RMS weight gradient of dense layer 2 over that of the last hidden dense layer.",
		"(a) 初始化时的梯度：%d 个宽度为 %d 的全连接层（%d 个隐藏激活）的 MLP，在 %d 个 %s 数据点上做一次交叉熵反向传播，共 %d 个种子。每个激活函数使用其常用初始化（ReLU 家族用 He，tanh 与 sigmoid 用 Glorot：`grad_ratio`），另用 PyTorch 默认初始化作对照（`grad_ratio_torch_init`）。每个种子用该单元的种子生成器重新抽取数据点：该数据集 %[7]d 个点（噪声 %[8]g），按类别分层留出 %[9]g%%，其余按自身均值与标准差标准化；比值为第 2 个全连接层与最后一个隐藏全连接层的权重梯度 RMS 之比。",
	},
	setupSpeed: text{
		"(b) Training speed: MLP %v on %s (%d points), SGD with momentum %g, batch %d, usual initialiser; epochs until the training accuracy first reaches %.2f, at most %d, for each learning rate in %v. `epochs_to_target[activation]` is taken at each activation's best rate; `epochs_by_lr` has them all.",
		"(b) 训练速度：在 %[2]s（%[3]d 个点）上训练 MLP %[1]v，SGD 动量 %[4]g，批大小 %[5]d，常用初始化；记录训练准确率首次达到 %.2[6]f 所需的轮数，最多 %[7]d 轮，学习率取 %[8]v。`epochs_to_target[activation]` 取每个激活函数的最佳学习率；`epochs_by_lr` 列出全部。",
	},
	gradTitle: text{
		"RMS gradient of layer 2 over the last hidden layer's, at initialisation",
		"初始化时第 2 层与最后一个隐藏层的梯度 RMS 之比",
	},
	epochsTitle: text{
		"Epochs to %.0f%% training accuracy at the best learning rate",
		"最佳学习率下达到 %.0f%% 训练准确率的轮数",
	},
	byLRTitle: text{
		"Median epochs to target by learning rate (reached/runs)",
		"各学习率下达到目标的中位轮数（达到数/运行数）",
	},
	gradCaption: text{
		"RMS gradient of each dense layer's weights at initialisation, median over seeds (log scale).",
		"初始化时每个全连接层权重梯度的 RMS，各种子中位数（对数坐标）。",
	},
	noEpochsFigure: text{
		"No activation reached the target at any learning rate in half its runs, so there is no picture of epochs against the learning rate.",
		"没有任何激活函数在任何学习率下有一半运行达到目标，因此没有轮数随学习率变化的图。",
	},
	epochsCaption: text{
		"Median epochs to the target against the learning rate, each activation in its own colour; a cross at the cap (one row per activation, just above it) marks a rate at which half the runs or more never reached it.",
		"达到目标的中位轮数随学习率的变化，每个激活函数一种颜色；位于上限处的叉号（每个激活函数一行，略高于上限）表示该学习率下一半或更多运行从未达到。",
	},
	speed: text{
		"Median epochs to %.0f%% training accuracy [95%% interval], each at its best learning rate: %s (never: half the runs or more did not get there within %d epochs at every rate).",
		"各自在最佳学习率下达到 %.0f%% 训练准确率的中位轮数 [95%% 区间]：%s（未达到：在每个学习率下都有一半或更多运行在 %d 轮内没有达到）。",
	},
	note: text{
		"In `epochs_by_lr`, — means half the runs or more never reached the target; ×k counts runs that diverged (also in `diverged`). `grad_rms_per_layer` in results.json has the RMS weight gradient of every layer.",
		"在 `epochs_by_lr` 中，— 表示一半或更多运行从未达到目标；×k 表示发散的运行数（亦见 `diverged`）。results.json 中的 `grad_rms_per_layer` 给出每层权重梯度的 RMS。",
	},
	gradHeader:   []text{{"activation", "激活函数"}, {"usual init", "常用初始化"}, plain("grad_ratio"), plain("grad_ratio_torch_init")},
	epochsHeader: []text{{"activation", "激活函数"}, {"best lr", "最佳学习率"}, {"epochs: median [95% interval]", "轮数：中位数 [95% 区间]"}},
	byLRHeader:   []text{{"activation", "激活函数"}},
}
