package experiments

// tryIt is how to see one experiment's lesson on a single setting with
// `train fit`: the command lines, and what to look at in their output.
type tryIt struct {
	commands []string
	look     text
}

// historyNote points at the per-layer diagnostics every run keeps.
var historyNote = text{
	"`OUT/history.csv` has one row per epoch with, for every hidden layer L, `dead_fraction_L` (units negative on every training sample), `activation_rate_L` and `grad_norm_L`, beside the losses and accuracies.",
	"`OUT/history.csv` 每轮一行，除损失和准确率外，还有每个隐藏层 L 的 `dead_fraction_L`（在所有训练样本上都为负的单元比例）、`activation_rate_L` 和 `grad_norm_L`。",
}

var tryIts = map[string]tryIt{
	"linear-collapse": {
		commands: []string{
			"train fit --data circle --n 400 --hidden 16,16 --act identity --init torch --epochs 100 --seed 1 --out lc-identity",
			"train fit --data circle --n 400 --hidden 16,16 --act relu --init torch --epochs 100 --seed 1 --out lc-relu",
		},
		look: text{
			"Compare the two `boundary.png`: the identity network draws one straight line through the circle, relu draws a closed curve around it; `metrics.json` has their test accuracies.",
			"比较两个 `boundary.png`：恒等网络在圆上画出一条直线，relu 则围绕圆画出一条闭合曲线；`metrics.json` 记录两者的测试准确率。",
		},
	},
	"feature-nonlinearity": {
		commands: []string{
			"train fit --data circle --n 400 --hidden 16,16,16,16 --act identity --init torch --epochs 100 --seed 1 --out fn-linear",
		},
		look: text{
			"`boundary.png` shows the network without nonlinear activation drawing one straight line through the circle on the inputs x1, x2. `train fit` has no flag for feature expressions, so to give it x1², x2² and x1·x2 as well, write them as columns of a CSV file and pass it with `--data FILE.csv`.",
			"`boundary.png` 显示没有非线性激活的网络在输入 x1、x2 上只能在圆上画出一条直线。`train fit` 没有特征表达式的参数，要同时输入 x1²、x2² 和 x1·x2，可把它们写成 CSV 文件的列，用 `--data FILE.csv` 传入。",
		},
	},
	"init": {
		commands: []string{
			"train fit --data moons --n 400 --noise 0.1 --hidden 4,4,4,4,4,4,4,4 --init he_normal --epochs 100 --seed 1 --out in-he",
			"train fit --data moons --n 400 --noise 0.1 --hidden 4,4,4,4,4,4,4,4 --init rai --epochs 100 --seed 1 --out in-rai",
		},
		look: text{
			"Compare `dead_fraction_1` … `dead_fraction_8` in the two `history.csv` files, and the test accuracy in the two `metrics.json`; try other seeds, since a single narrow network is either born dead or not.",
			"比较两个 `history.csv` 中的 `dead_fraction_1` … `dead_fraction_8`，以及两个 `metrics.json` 中的测试准确率；多试几个种子，因为单个窄网络要么生来就死、要么不是。",
		},
	},
	"sparsity-depth": {
		commands: []string{
			"train fit --data spiral --n 400 --hidden 32,32,32,32,32,32,32,32 --act relu --init he_normal --epochs 20 --seed 1 --out sd-relu",
		},
		look: text{
			"Read `activation_rate_1` … `activation_rate_8` in `history.csv`: the share of active units in each layer, epoch by epoch.",
			"查看 `history.csv` 中的 `activation_rate_1` … `activation_rate_8`：每层激活单元的比例，逐轮记录。",
		},
	},
	"convergence": {
		commands: []string{
			"train fit --data spiral --n 400 --hidden 32,32,32 --act relu --init he_normal --opt sgd --lr 0.1 --momentum 0.9 --epochs 150 --seed 1 --out cv-relu",
			"train fit --data spiral --n 400 --hidden 32,32,32 --act sigmoid --init xavier_normal --opt sgd --lr 0.1 --momentum 0.9 --epochs 150 --seed 1 --out cv-sigmoid",
		},
		look: text{
			"Compare `train_accuracy` epoch by epoch in the two `history.csv` files, and `grad_norm_1` against the last layer's `grad_norm_L` for how the gradient shrinks towards the input; add `--init torch` to see it depend on the initialisation.",
			"逐轮比较两个 `history.csv` 中的 `train_accuracy`，并比较 `grad_norm_1` 与最后一层的 `grad_norm_L`，看梯度向输入方向如何衰减；加上 `--init torch` 可看到它取决于初始化。",
		},
	},
	"dying-relu": {
		commands: []string{
			"train fit --data moons --n 400 --noise 0.1 --hidden 32,32,32 --act relu --init he_normal --opt adam --lr 0.3 --epochs 50 --seed 1 --out dr-relu",
			"train fit --data moons --n 400 --noise 0.1 --hidden 32,32,32 --act relu --init he_normal --opt adam --lr 0.001 --epochs 50 --seed 1 --out dr-low",
		},
		look: text{
			"Read `dead_fraction_1` … `dead_fraction_3` in the two `history.csv` files: at lr 0.3 many units are dead after the first epoch, at lr 0.001 few; `metrics.json` has the test accuracy of each.",
			"查看两个 `history.csv` 中的 `dead_fraction_1` … `dead_fraction_3`：lr 0.3 时第一轮后就有许多单元死亡，lr 0.001 时很少；`metrics.json` 记录两者的测试准确率。",
		},
	},
	"bce-vs-ce": {
		commands: []string{
			"train fit --data gauss --n 400 --noise 0.5 --hidden 16,16 --init he_normal --loss bce_with_logits --epochs 100 --seed 1 --out bc-bce",
			"train fit --data gauss --n 400 --noise 0.5 --hidden 16,16 --init he_normal --loss cross_entropy --epochs 100 --seed 1 --out bc-ce",
		},
		look: text{
			"Compare the test accuracy and AUC in the two `metrics.json` files, and the two `boundary.png`: one logit or two, the same model.",
			"比较两个 `metrics.json` 中的测试准确率和 AUC，以及两个 `boundary.png`：一个 logit 还是两个，是同一个模型。",
		},
	},
	"roc-auc": {
		commands: []string{
			"train fit --data moons --n 400 --noise 0.3 --hidden 16,16 --init he_normal --epochs 100 --seed 1 --out ra",
		},
		look: text{
			"`roc.png` draws the ROC curves of the training and test parts with their AUC; `val_auc` in `history.csv` follows the test AUC epoch by epoch.",
			"`roc.png` 画出训练和测试部分的 ROC 曲线及其 AUC；`history.csv` 中的 `val_auc` 逐轮记录测试 AUC。",
		},
	},
}

// TryIt returns the `train fit` command lines that show the experiment's
// lesson on one setting, as its report ends with them.
func (e *Experiment) TryIt() []string {
	return append([]string(nil), tryIts[e.Name].commands...)
}
