package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train/plots"
)

var dyingReLU = &Experiment{
	Name:    "dying-relu",
	Claim:   "A large gradient update can kill a ReLU unit for good; with a too-high learning rate as much as 40% of the network can die.",
	ClaimZH: "一次很大的梯度更新可能让 ReLU 单元永久死亡；学习率过高时，多达 40% 的网络可能死掉。",
	plan:    planDyingReLU,
}

type drSettings struct {
	Data        dataSpec  `json:"data"`
	Sizes       []int     `json:"sizes"`
	Init        string    `json:"init"`
	Activations []string  `json:"activations"` // relu, then the controls
	Optimizers  []string  `json:"optimizers"`
	LRs         []float64 `json:"lrs"`
	Epochs      int       `json:"epochs"`
	BatchSize   int       `json:"batch_size"`
	// The rule's thresholds: the claim's 40%, the least share that counts
	// as "can die" at all, and how much more must die than at the
	// smallest rate for the learning rate to be the cause.
	Claimed   float64 `json:"claimed"`
	Some      float64 `json:"some"`
	MinimRise float64 `json:"min_rise"`
}

type drDesign struct {
	s     drSettings
	seeds []uint64
}

func planDyingReLU(o Options) design {
	s := drSettings{
		Data: dataSpec{"moons", 400, 0.1}, Sizes: []int{2, 32, 32, 32, 2}, Init: "he_normal",
		Activations: []string{"relu", "leaky_relu", "elu"}, Optimizers: []string{"adam", "sgd"},
		LRs:    []float64{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1},
		Epochs: 50, BatchSize: 32,
		Claimed: 0.4, Some: 0.1, MinimRise: 0.2,
	}
	if o.Quick {
		s.Data.N, s.Epochs, s.LRs = 200, 5, []float64{0.001, 0.1, 1}
	}
	return &drDesign{s, o.seeds()}
}

func (d *drDesign) settings() any { return d.s }
func (d *drDesign) cells() int {
	return len(d.s.Activations) * len(d.s.Optimizers) * len(d.s.LRs) * len(d.seeds)
}

// drCell is one training run. Fractions are of all hidden units; a unit is
// dead when its pre-activation is <= 0 on every training sample.
type drCell struct {
	DeadInit  Num  `json:"dead_init"`
	DeadFinal Num  `json:"dead_final"`
	Died      Num  `json:"died"`    // alive at initialisation, dead after training
	Revived   Num  `json:"revived"` // dead at initialisation, alive after training
	Accuracy  Num  `json:"accuracy"`
	Diverged  bool `json:"diverged"`
}

func (d *drDesign) index(i int) (act, opt, lr, seed int) {
	ns, nl, no := len(d.seeds), len(d.s.LRs), len(d.s.Optimizers)
	return i / (ns * nl * no), i / (ns * nl) % no, i / ns % nl, i % ns
}

func (d *drDesign) cell(ctx context.Context, i int) (any, error) {
	ai, oi, li, si := d.index(i)
	s := d.s
	actName, optName, lr := s.Activations[ai], s.Optimizers[oi], s.LRs[li]
	// The same seed gives the same data and initial weights at every
	// learning rate and optimizer, so the sweep varies only the updates.
	rng := cellRNG("dying-relu", actName, d.seeds[si])
	tr, te, err := s.Data.split(rng)
	if err != nil {
		return nil, err
	}
	act, err := layer.ParseActivation(actName)
	if err != nil {
		return nil, err
	}
	ini, err := initFor(s.Init)
	if err != nil {
		return nil, err
	}
	m := layer.MLP(s.Sizes, act, ini, rng)
	before := measureActivity(m, tr.X).alive
	nan := Num(math.NaN())
	out := drCell{DeadInit: Num(deadShare(before)), DeadFinal: nan, Died: nan, Revived: nan, Accuracy: nan}
	loss := layer.CrossEntropyLoss{}
	run := fitRun{Model: m, Loss: loss, Outputs: 2, Optim: optimSpec{Name: optName, LR: lr}, Epochs: s.Epochs,
		BatchSize: s.BatchSize, Seed: rng.Uint64()}
	if out.Diverged, err = run.fit(ctx, tr); err != nil || out.Diverged {
		return out, err
	}
	after := measureActivity(m, tr.X).alive
	total, died, revived := 0, 0, 0
	for l := range after {
		for j := range after[l] {
			total++
			if before[l][j] && !after[l][j] {
				died++
			}
			if !before[l][j] && after[l][j] {
				revived++
			}
		}
	}
	out.DeadFinal = Num(deadShare(after))
	out.Died, out.Revived = Num(float64(died)/float64(total)), Num(float64(revived)/float64(total))
	acc, _ := evaluate(m, loss, 2, te)
	out.Accuracy = Num(acc)
	return out, nil
}

// drStats is one (activation, optimizer, learning rate) of the sweep.
type drStats struct {
	DeadFraction Stats `json:"dead_fraction"`
	DeadAtInit   Stats `json:"dead_at_init"`
	Died         Stats `json:"died"`
	Revived      Stats `json:"revived"`
	Accuracy     Stats `json:"accuracy"`
	Diverged     int   `json:"diverged"`
	Runs         int   `json:"runs"`
}

func (d *drDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	cells, err := decodeCells[drCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	ns, nl, no := len(d.seeds), len(d.s.LRs), len(d.s.Optimizers)
	sweep := map[string]map[string]map[string]drStats{}
	for ai, a := range s.Activations {
		sweep[a] = map[string]map[string]drStats{}
		for oi, o := range s.Optimizers {
			sweep[a][o] = map[string]drStats{}
			for li, lr := range s.LRs {
				var dead, init, died, rev, acc []float64
				st := drStats{Runs: ns}
				for si := range ns {
					c := cells[((ai*no+oi)*nl+li)*ns+si]
					init = append(init, float64(c.DeadInit))
					if c.Diverged {
						st.Diverged++
						continue
					}
					dead, died = append(dead, float64(c.DeadFinal)), append(died, float64(c.Died))
					rev, acc = append(rev, float64(c.Revived)), append(acc, float64(c.Accuracy))
				}
				st.DeadFraction, st.DeadAtInit, st.Died, st.Revived, st.Accuracy = summarize(dead), summarize(init), summarize(died), summarize(rev), summarize(acc)
				sweep[a][o][lrKey(lr)] = st
			}
		}
	}
	relu := sweep["relu"]
	pick := func(f func(drStats) any) map[string]map[string]any {
		out := map[string]map[string]any{}
		for o, byLR := range relu {
			out[o] = map[string]any{}
			for lr, st := range byLR {
				out[o][lr] = f(st)
			}
		}
		return out
	}
	controls := map[string]any{}
	for _, a := range s.Activations[1:] {
		controls[a] = sweep[a]
	}
	r := &Result{Tables: map[string]any{
		"dead_fraction": pick(func(st drStats) any { return st.DeadFraction }),
		"dead_at_init":  pick(func(st drStats) any { return st.DeadAtInit }),
		"died":          pick(func(st drStats) any { return st.Died }),
		"revived":       pick(func(st drStats) any { return st.Revived }),
		"accuracy":      pick(func(st drStats) any { return st.Accuracy }),
		"diverged":      pick(func(st drStats) any { return st.Diverged }),
		"controls":      controls,
	}}

	// The rule.
	peak, peakOpt, peakLR := math.Inf(-1), "", 0.0
	low := 0.0
	for _, o := range s.Optimizers {
		low = math.Max(low, float64(relu[o][lrKey(s.LRs[0])].DeadFraction.Median))
		for _, lr := range s.LRs {
			st := relu[o][lrKey(lr)]
			if 2*st.Diverged > st.Runs || st.DeadFraction.N == 0 {
				continue
			}
			if v := float64(st.DeadFraction.Median); v > peak {
				peak, peakOpt, peakLR = v, o, lr
			}
		}
	}
	rule := tf("Over the ReLU runs that did not diverge, take the largest median dead fraction over optimizers and learning rates (cells where most runs diverged are skipped). yes if it is at least %.2f and at least %.2f above the median at the smallest rate (%g); partly if it is between %.2f and %.2f, or above %.2f without that rise; no if it is below %.2f.",
		"在未发散的 ReLU 运行中，取各优化器与学习率下死亡比例中位数的最大值（多数运行发散的单元格跳过）。若它至少为 %.2[1]f，且比最小学习率（%[3]g）下的中位数至少高 %.2[2]f，则成立；若在 %.2[4]f 与 %.2[5]f 之间，或高于 %.2[6]f 但没有这样的上升，则部分成立；低于 %.2[7]f 则不成立。",
		s.Claimed, s.MinimRise, s.LRs[0], s.Some, s.Claimed, s.Claimed, s.Some)
	holds := HoldsNo
	switch {
	case peak >= s.Claimed && peak-low >= s.MinimRise:
		holds = HoldsYes
	case peak >= s.Some:
		holds = HoldsPartly
	}
	var why text
	if peakOpt == "" {
		why = text{"Every ReLU cell diverged in most runs; nothing to measure.", "所有 ReLU 单元格的多数运行都发散了，无从测量。"}
		holds = HoldsNo
	} else {
		ps := relu[peakOpt][lrKey(peakLR)]
		ctl := ""
		for _, a := range s.Activations[1:] {
			ctl += fmt.Sprintf(", %s %s", a, fixed(float64(sweep[a][peakOpt][lrKey(peakLR)].DeadFraction.Median), 2))
		}
		why = tf("The most ReLU units die with %s at lr %g: a median of %.0f%% of hidden units are dead after training (%.0f%% at initialisation; %.0f%% at the smallest rate), and the network's median test accuracy there is %.2f. Of the units, a median %.0f%% died during training and %.0f%% revived. The controls measured the same way at that setting: %s; their \"dead\" units still pass a gradient (leaky_relu) or nearly so (elu).",
			"ReLU 单元死得最多的是 %s、学习率 %g：训练后隐藏单元死亡比例中位数为 %.0f%%（初始化时 %.0f%%；最小学习率下 %.0f%%），此时网络测试准确率中位数为 %.2f。其中中位数 %.0f%% 的单元在训练中死亡，%.0f%% 复活。同样方法测得的对照组：%s；它们的“死”单元仍能传递梯度（leaky_relu），或几乎能（elu）。",
			peakOpt, peakLR, 100*peak, 100*float64(ps.DeadAtInit.Median), 100*float64(relu[peakOpt][lrKey(s.LRs[0])].DeadFraction.Median),
			float64(ps.Accuracy.Median), 100*float64(ps.Died.Median), 100*float64(ps.Revived.Median), ctl[2:])
		if lk, ok := sweep["leaky_relu"]; ok {
			if v := float64(lk[peakOpt][lrKey(peakLR)].DeadFraction.Median); v >= peak/2 {
				why = joinText(why, tf("So the high rate drives pre-activations below zero whatever the activation (leaky_relu: %.0f%% of units negative on every sample); what makes it death for ReLU is that those units then receive no gradient at all.",
					"可见高学习率会把预激活推到零以下，与激活函数无关（leaky_relu：%.0f%% 的单元在所有样本上为负）；对 ReLU 而言，这之所以成为死亡，是因为这些单元之后完全得不到梯度。", 100*v))
			}
		}
		if acc := float64(ps.Accuracy.Median); acc >= 0.95 {
			why = joinText(why, tf("On this easy task the median test accuracy stayed at %.2f all the same (worst seed %.2f): the surviving units suffice.",
				"在这个简单任务上，测试准确率中位数仍保持在 %.2f（最差的种子为 %.2f）：剩下的单元已经足够。", acc, float64(ps.Accuracy.Min)))
		}
		div := 0
		for _, o := range s.Optimizers {
			for _, lr := range s.LRs {
				div += relu[o][lrKey(lr)].Diverged
			}
		}
		if div > 0 {
			why = joinText(why, tf("%d ReLU runs diverged and are counted apart, not as dead.", "%d 次 ReLU 运行发散，单独计数，不算作死亡。", div))
		}
		if holds == HoldsYes && peak >= 0.5 {
			why = joinText(why, tf("\"As much as 40%%\" understates it here: %.0f%%.", "这里“多达 40%%”反而说少了：%.0f%%。", 100*peak))
		}
	}
	r.Verdict = verdict(holds, why, rule)

	r.doc.setup = []text{
		tf("MLP %v (%s initialisation) on %s (%d points, noise %g), cross-entropy, batch %d, %d epochs, with Adam and plain SGD at learning rates %v. For each seed the data and initial weights are the same at every rate and optimizer. A hidden unit is dead when its pre-activation is <= 0 on every training sample. Runs whose loss or gradients became NaN or infinite are counted as diverged, not as dead. leaky_relu and elu, measured the same way, are the controls.",
			"MLP %v（%s 初始化），数据 %s（%d 个点，噪声 %g），交叉熵，批大小 %d，%d 轮，分别用 Adam 和普通 SGD，学习率 %v。同一种子在所有学习率和优化器下使用相同的数据和初始权重。若一个隐藏单元在所有训练样本上的预激活都 <= 0，则视为死亡。损失或梯度变为 NaN 或无穷的运行记为发散，不算作死亡。leaky_relu 和 elu 用同样的方法测量，作为对照。",
			s.Sizes, s.Init, s.Data.Name, s.Data.N, s.Data.Noise, s.BatchSize, s.Epochs, s.LRs),
	}
	for _, o := range s.Optimizers {
		t := mdTable{key: "dead_fraction, dead_at_init, died, revived, accuracy, diverged", title: tf("ReLU with %s: dead fraction after training, and the rest, by learning rate", "ReLU + %s：训练后的死亡比例及其他指标（按学习率）", o),
			header: []text{plain("lr"), plain("dead_fraction"), plain("dead_at_init"), plain("died"), plain("revived"), plain("accuracy"), plain("diverged")}}
		for _, lr := range s.LRs {
			st := relu[o][lrKey(lr)]
			t.rows = append(t.rows, []text{plain(lrKey(lr)), statsCell(st.DeadFraction, 2), statsCell(st.DeadAtInit, 2),
				statsCell(st.Died, 2), statsCell(st.Revived, 2), statsCell(st.Accuracy, 2), plain(fmt.Sprintf("%d/%d", st.Diverged, st.Runs))})
		}
		r.doc.tables = append(r.doc.tables, t)
	}
	ct := mdTable{key: "controls", title: text{"Controls: median dead fraction (median accuracy) by learning rate", "对照组：各学习率下死亡比例中位数（准确率中位数）"},
		header: []text{{"activation / optimizer", "激活函数 / 优化器"}}}
	for _, lr := range s.LRs {
		ct.header = append(ct.header, plain("lr "+lrKey(lr)))
	}
	for _, a := range s.Activations {
		for _, o := range s.Optimizers {
			row := []text{plain(a + " / " + o)}
			for _, lr := range s.LRs {
				st := sweep[a][o][lrKey(lr)]
				cell := fmt.Sprintf("%s (%s)", fixed(float64(st.DeadFraction.Median), 2), fixed(float64(st.Accuracy.Median), 2))
				if st.Diverged > 0 {
					cell += fmt.Sprintf(" ×%d", st.Diverged)
				}
				row = append(row, plain(cell))
			}
			ct.rows = append(ct.rows, row)
		}
	}
	r.doc.tables = append(r.doc.tables, ct)
	r.doc.notes = []text{{"×k: k runs diverged (left out of the dead fraction). Fractions are of all hidden units, on the training samples.",
		"×k：k 次运行发散（不计入死亡比例）。比例以全部隐藏单元计，在训练样本上测量。"}}
	if dir != "" {
		for _, o := range s.Optimizers {
			var series []plots.Series
			for _, a := range s.Activations {
				dead, acc := plots.Series{Name: a + " dead fraction"}, plots.Series{Name: a + " test accuracy"}
				for _, lr := range s.LRs {
					st := sweep[a][o][lrKey(lr)]
					dead.X, dead.Y = append(dead.X, lr), append(dead.Y, float64(st.DeadFraction.Median))
					acc.X, acc.Y = append(acc.X, lr), append(acc.Y, float64(st.Accuracy.Median))
				}
				series = append(series, dead, acc)
			}
			file := "dead_vs_lr_" + o + ".png"
			if err := plots.Lines(filepath.Join(dir, file), fmt.Sprintf("Dead units after training with %s (median over seeds)", o),
				"learning rate (log scale)", "fraction", true, false, series); err != nil {
				return nil, err
			}
			r.addFigure(file, tf("Dead fraction and test accuracy against the learning rate with %s; diverged runs are left out.",
				"使用 %s 时死亡比例与测试准确率随学习率的变化；发散的运行不计入。", o))
		}
	}
	return r, nil
}
