package experiments

import (
	"fmt"
	"strings"
)

// LabAddress is where `train lab` serves the browser lab by default; a
// preset is a page address under it, its query holding every setting
// (the address keys of docs/lab.md).
const LabAddress = "http://127.0.0.1:8080/"

// labPreset is one lab page that shows an experiment's lesson live, and
// what to watch in it.
type labPreset struct {
	query string
	look  text
}

var labPresets = map[string][]labPreset{
	"linear-collapse": {{
		"data=circle&noise=0&hidden=8,8&act=identity&compare=act:relu&play=1&stop=100",
		text{
			"the identity network's boundary stays one straight line, and the collapse view beside the network writes out the single affine map it equals (out = w1·x1 + w2·x2 + b); the relu network beside it, on the same data and seed, closes a curve around the disc.",
			"恒等网络的边界始终是一条直线，网络旁的坍缩视图写出它等价的那一个仿射映射（out = w1·x1 + w2·x2 + b）；旁边同样数据和种子的 relu 网络则围绕圆盘画出闭合曲线。",
		},
	}},
	"feature-nonlinearity": {{
		"data=circle&noise=0&features=x1,x2,x1%5E2,x2%5E2,x1*x2&hidden=4,4&act=identity&play=1&stop=100",
		text{
			"the network is still one affine map (the collapse view gives a weight for each feature, x1² and x2² among them), yet its boundary closes around the disc: linear in the features, curved in the plane.",
			"网络仍是一个仿射映射（坍缩视图给出每个特征的权重，其中有 x1² 和 x2²），但它的边界围住了圆盘：对特征是线性的，在平面上是弯曲的。",
		},
	}},
	"sparsity-depth": {{
		"data=spiral&hidden=16,16,16,16,16,16&act=relu&opt=adam&lr=0.003&play=1&stop=50",
		text{
			"the activation-rate chart has one line per relu layer, the share of (training point, unit) pairs with a positive pre-activation: the lines stay between about 0.4 and 0.7 rather than halving layer by layer.",
			"激活率图中每个 relu 层一条线，即预激活为正的（训练点，单元）对所占比例：这些线停留在约 0.4 到 0.7 之间，并没有逐层减半。",
		},
	}},
	"convergence": {{
		"data=spiral&hidden=16,16,16&act=sigmoid&lr=0.1&compare=act:relu&play=1&stop=150",
		text{
			"sigmoid trains beside relu on the same data and seed: compare their test accuracy epoch by epoch, and in the sigmoid network's gradient-norm chart see the first layer's gradient stay far below the last layer's.",
			"sigmoid 与 relu 在同样的数据和种子上并排训练：逐轮比较两者的测试准确率，并在 sigmoid 网络的梯度范数图中看到第一层的梯度远小于最后一层。",
		},
	}},
	"dying-relu": {{
		"data=moons&noise=0.1&hidden=32,32,32&act=relu&opt=adam&lr=0.3&compare=lr:0.001&play=1&stop=50",
		text{
			"at lr 0.3 units grey out in the network within the first epochs and the dead-fraction chart climbs; the network beside it, at lr 0.001, keeps its units.",
			"lr 0.3 时，网络中的单元在最初几轮内变灰，死亡比例图上升；旁边 lr 0.001 的网络保住了它的单元。",
		},
	}},
	"init": {{
		"data=moons&noise=0.1&hidden=3,3,3,3,3,3,3,3,3,3&act=relu&play=1&stop=100",
		text{
			"a deep, narrow relu network with He initialisation (the lab has no RAI) that lives at seed 1; press Regenerate for seed 2 and the layers from the sixth on are dead from the first epoch (greyed out, dead fraction 1), the output is flat and the accuracy stays at chance.",
			"一个用 He 初始化的深而窄的 relu 网络（实验室没有 RAI），种子 1 时它是活的；按 Regenerate 换到种子 2，从第六层起的各层从第一轮起就死了（变灰，死亡比例为 1），输出是平的，准确率停在随机水平。",
		},
	}},
	"bce-vs-ce": {{
		"data=gauss&noise=0.5&hidden=16,16&act=relu&play=1&stop=100",
		text{
			"two classes: the lab trains one output with BCE on its logit (a sigmoid gives the probability).",
			"两个类别：实验室用一个输出和作用于其 logit 的 BCE 训练（sigmoid 给出概率）。",
		},
	}, {
		"data=blobs&noise=0.3&hidden=16,16&act=relu&play=1&stop=100",
		text{
			"three classes: one output per class with cross-entropy on their softmax.",
			"三个类别：每个类别一个输出，对其 softmax 用交叉熵。",
		},
	}},
	"roc-auc": {{
		"data=moons&noise=0.3&hidden=16,16&act=relu&test=1&play=1&stop=100",
		text{
			"the ROC curve of the test points is drawn live and its AUC shown beside the accuracy, epoch by epoch.",
			"测试点的 ROC 曲线实时绘出，其 AUC 与准确率一起逐轮显示。",
		},
	}},
}

// LabPresets returns the queries of the lab pages that show the
// experiment's lesson (append one to LabAddress for the link).
func (e *Experiment) LabPresets() []string {
	var out []string
	for _, p := range labPresets[e.Name] {
		out = append(out, p.query)
	}
	return out
}

// labText is the report's paragraph linking the experiment's lab presets.
func labText(name string, l Lang) string {
	ps := labPresets[name]
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(text{
		"**In the lab.** With `train lab` running on its default address, open",
		"**在实验室中。** 运行 `train lab`（默认地址）后打开",
	}.in(l))
	for i, p := range ps {
		sep := text{" and", "；以及"}.in(l)
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(&b, "%s [`%s?%s`](%s?%s): %s", sep, LabAddress, p.query, LabAddress, p.query, p.look.in(l))
	}
	b.WriteString(text{
		" The address holds every setting, the seed included.",
		" 地址中包含全部设置，包括种子。",
	}.in(l))
	return b.String()
}
