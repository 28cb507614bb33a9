package experiments

// inText is what the report of init says, in English and Chinese. The
// entries used with f are formats taking the same arguments in both
// languages (Chinese may reorder them with %[n]).
var inText = struct {
	rule, birthYes, birthNo, afterYes, afterNo, setupInits, setupBirth, setupTrained,
	bornTitle, unitsTitle, trainedTitle, diffTitle, caption, homogeneous, fragile text

	gridHeader, trainedHeader, diffHeader []text
}{
	rule: text{
		"A network is born dead when its last hidden layer is zero on every input (its output is then constant and no gradient reaches the layers below). yes if (birth) at width %d and depth %s the 95%% interval of %s's median share of networks born dead lies wholly below %s's, and (training) the paired difference of the dead-unit share after training, %[4]s minus %[3]s on the same data and seed, has a 95%% interval above 0; partly if one of the two holds; no if neither. Glorot and PyTorch's default are reported, not judged.",
		"若网络最后一个隐藏层对所有输入都为零，则称它一出生就是死的（其输出恒定，梯度到不了下面的层）。若（出生时）宽度 %d、深度 %s 处 %s 的出生即死网络比例中位数的 95%% 区间完全低于 %s 的，且（训练后）训练后死亡单元比例的配对差（相同数据和种子，%[4]s 减 %[3]s）的 95%% 区间在 0 之上，则成立；只有一项成立则部分成立；都不成立则不成立。Glorot 和 PyTorch 默认初始化只报告，不参与判定。",
	},
	birthYes: text{
		"At birth, yes: at width %s and depth %s, %s leaves %s of networks born dead, %s %s.",
		"出生时，是的：宽度 %s、深度 %s 时，%s 让 %s 的网络一出生就死，%s 为 %s。",
	},
	birthNo: text{
		"At birth, not shown: at width %s and depth %s, %s leaves %s of networks born dead, %s %s; the intervals are not apart.",
		"出生时，未得到证明：宽度 %s、深度 %s 时，%s 让 %s 的网络一出生就死，%s 为 %s；两个区间没有分开。",
	},
	afterYes: text{
		"After training, yes: %s's dead-unit share minus %s's, seed by seed, has median %s; %[1]s leaves %[4]s of units dead, %[2]s %[5]s.",
		"训练后，是的：逐种子计算 %s 的死亡单元比例减 %s 的，中位数为 %s；%[1]s 留下 %[4]s 的死亡单元，%[2]s 为 %[5]s。",
	},
	afterNo: text{
		"After training, not shown: %s's dead-unit share minus %s's, seed by seed, has median %s; %[1]s leaves %[4]s of units dead, %[2]s %[5]s.",
		"训练后，未得到证明：逐种子计算 %s 的死亡单元比例减 %s 的，中位数为 %s；%[1]s 留下 %[4]s 的死亡单元，%[2]s 为 %[5]s。",
	},
	setupInits: text{
		"Initialisations %v: he_normal (N(0, 2/fan_in), zero bias), xavier_normal (Glorot: N(0, 2/(fan_in+fan_out)), zero bias), torch (PyTorch's nn.Linear default: weight and bias uniform on ±1/√fan_in) and rai, the randomized asymmetric initialisation of Lu, Shin, Su and Karniadakis (Commun. Comput. Phys. 28, 2020): each unit's weights and bias form one vector of fan_in+1 entries; one position of it, drawn uniformly, gets a draw from Beta(2, 1) (density 2x on [0, 1]), every other entry N(0, 2/fan_in), He's scale (the paper derives its own scale for this symmetric part; nnlab keeps He's so that the two differ only in the asymmetric entry).",
		"初始化 %v：he_normal（N(0, 2/fan_in)，零偏置）、xavier_normal（Glorot：N(0, 2/(fan_in+fan_out))，零偏置）、torch（PyTorch nn.Linear 默认：权重和偏置都在 ±1/√fan_in 上均匀分布）以及 rai，即 Lu、Shin、Su 和 Karniadakis 的随机非对称初始化（Commun. Comput. Phys. 28, 2020）：每个单元的权重和偏置组成一个 fan_in+1 维向量；在其中均匀随机选一个位置，取自 Beta(2, 1)（密度为 [0, 1] 上的 2x），其余各项取自 N(0, 2/fan_in)，即 He 的尺度（论文为这一对称部分推导了自己的尺度；nnlab 沿用 He 的尺度，使两者只差那一个非对称项）。",
	},
	setupBirth: text{
		"At birth: ReLU MLPs of widths %v and depths %v hidden layers, %d networks per (initialisation, width, depth, seed) cell, all seen on the same %d inputs x ~ N(0, I₂) per (width, depth, seed). `born_dead` is the share of a cell's networks born dead; `dead_units_at_birth` the share of hidden units that are not positive on any input.",
		"出生时：宽度 %v、隐藏层深度 %v 的 ReLU MLP，每个（初始化，宽度，深度，种子）单元格 %d 个网络，同一（宽度，深度，种子）下都用相同的 %d 个输入 x ~ N(0, I₂)。`born_dead` 是单元格中一出生就死的网络比例；`dead_units_at_birth` 是对任何输入都不为正的隐藏单元比例。",
	},
	setupTrained: text{
		"After training: a ReLU network of %d hidden layers of width %d from every initialisation, on %s (%d points, noise %g, %.0f%% held out for testing, standardised; the same data for every initialisation of a seed), Adam (lr %g), batch %d, %d epochs, cross-entropy on two logits. A unit is dead when it is not positive on any training input.",
		"训练后：每种初始化训练一个 %d 个宽度为 %d 的隐藏层的 ReLU 网络，数据为 %s（%d 个点，噪声 %g，%.0f%% 留作测试，标准化；同一种子下各初始化数据相同），Adam（lr %g），批大小 %d，%d 轮，两个 logit 上的交叉熵。若一个单元对任何训练输入都不为正，则它是死的。",
	},
	bornTitle: text{
		"Share of networks born dead",
		"一出生就死的网络比例",
	},
	unitsTitle: text{
		"Share of hidden units dead at birth",
		"出生时死亡隐藏单元的比例",
	},
	trainedTitle: text{
		"The trained network (%d×%d): dead units before and after training, networks born dead, test accuracy",
		"训练网络（%d×%d）：训练前后的死亡单元、一出生就死的网络、测试准确率",
	},
	diffTitle: text{
		"Dead-unit share after training, %s minus %s, paired by seed",
		"训练后死亡单元比例之差（%s 减 %s），按种子配对",
	},
	caption: text{
		"Share of networks born dead against depth (log scale), by initialisation and width.",
		"一出生就死的网络比例随深度的变化（对数坐标），按初始化和宽度分。",
	},
	homogeneous: text{
		"he_normal and xavier_normal show the same networks born dead, exactly, and that is no accident of the data: they draw the same standard normal numbers and scale them by a different factor per layer, and with zero biases a ReLU network is positively homogeneous (ReLU(c·z) = c·ReLU(z) for c > 0), so the scale changes no unit's sign. Only the biases (torch, rai) or the asymmetric entry (rai) change which units fire.",
		"he_normal 和 xavier_normal 的出生即死网络完全相同，这并非数据的巧合：二者抽取相同的标准正态数，只是每层乘以不同的系数；而在零偏置下 ReLU 网络是正齐次的（c > 0 时 ReLU(c·z) = c·ReLU(z)），所以缩放不改变任何单元的符号。只有偏置（torch、rai）或非对称项（rai）会改变哪些单元被激活。",
	},
	fragile: text{
		"The training clause is the weaker of the two. While this lesson was being written, a run with half the epochs (30, tried to save time, then dropped for the %d epochs fixed before the first run) gave a paired difference of 0.078 with a 95%% interval of 0.000–0.203, which does not pass the rule: read the training clause as a tendency at this size, not a wide margin.",
		"训练这一条是两条中较弱的。编写本课时，曾为省时试跑过一半的轮数（30 轮，随后弃用，恢复首次运行前确定的 %d 轮），配对差为 0.078，95%% 区间为 0.000–0.203，未通过规则：在这个规模下，训练这一条应看作一种趋势，而不是很大的差距。",
	},
	gridHeader:    []text{{"init", "初始化"}, {"width \\ depth", "宽度 \\ 深度"}},
	trainedHeader: []text{{"init", "初始化"}, {"dead before", "训练前死亡"}, {"dead after", "训练后死亡"}, {"born dead", "出生即死"}, {"test accuracy", "测试准确率"}, {"diverged", "发散"}},
	diffHeader:    []text{{"median difference", "差的中位数"}, {"seeds", "种子数"}},
}
