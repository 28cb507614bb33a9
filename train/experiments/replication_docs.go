package experiments

import (
	"fmt"
	"math"
	"strings"
)

// replicationSection is the "Replication in PyTorch" section of the
// experiments page: for every committed replication whose experiment is
// among results, its headline numbers next to nnlab's, whether each pair
// agrees up to seed noise by [compare]'s rule, and a sentence saying so.
// A replication whose experiment did not run, or a number whose cell the
// run does not have (a quick run), is left out.
func replicationSection(results []*Result, l Lang) (string, error) {
	reps, err := replications()
	if err != nil {
		return "", err
	}
	byName := map[string]*Result{}
	for _, r := range results {
		byName[r.Experiment] = r
	}
	var b strings.Builder
	b.WriteString(tf("## Replication in PyTorch\n\n", "## PyTorch 复现\n\n").in(l))
	b.WriteString(text{
		"Each training experiment was rebuilt in PyTorch from its setup as documented above, not from nnlab's code: " +
			"its own data generators in numpy, the same sizes, activations, initialisations, optimizers, learning " +
			"rates, epochs and batch sizes, and seeds of its own, so the numbers agree up to seed noise, not bit for " +
			"bit. The scripts are `train/experiments/pytorch/NAME.py` (run by hand with Debian's python3-torch, from " +
			"the repository's root: `/usr/bin/python3 train/experiments/pytorch/NAME.py > " +
			"train/experiments/pytorch/NAME.json`; not run by tests or CI); their committed outputs are read here. " +
			"Some replicate only the headline settings, with fewer seeds, as each one's scope says.\n\n" +
			"The rule, fixed before the replications ran: a PyTorch median agrees with nnlab's up to seed noise when " +
			"their 95% percentile-bootstrap intervals overlap, each computed the same way from its own seeds; a " +
			"number that does not depend on the seed agrees when it is within the tolerance stated in its row.\n\n",
		"每个训练实验都按上文记录的设置（而不是 nnlab 的代码）在 PyTorch 中重建：用 numpy 自己生成数据，规模、激活函数、" +
			"初始化、优化器、学习率、轮数和批大小相同，种子各自独立，因此数字在种子噪声范围内一致，而不是逐位相同。" +
			"脚本是 `train/experiments/pytorch/NAME.py`（用 Debian 的 python3-torch 在仓库根目录下手动运行：" +
			"`/usr/bin/python3 train/experiments/pytorch/NAME.py > train/experiments/pytorch/NAME.json`；测试和 CI 不运行它们），" +
			"这里读取的是提交的输出。有些只复现主要设置、种子更少，见各自的范围说明。\n\n" +
			"规则（在运行复现之前确定）：当两边中位数各自由自己的种子按相同方法算出的 95% 百分位 bootstrap 区间重叠时，" +
			"PyTorch 的中位数与 nnlab 的在种子噪声范围内一致；不依赖种子的数字在其行中给出的容差内即为一致。\n\n",
	}.in(l))
	for _, rep := range reps {
		r, ok := byName[rep.Experiment]
		if !ok {
			continue
		}
		writeReplication(&b, r, rep, l)
	}
	return b.String(), nil
}

func writeReplication(b *strings.Builder, r *Result, rep replication, l Lang) {
	t := mdTable{key: "train/experiments/pytorch/" + rep.file,
		title:  tf("%s: nnlab next to PyTorch %s", "%s：nnlab 与 PyTorch %s 对照", rep.Experiment, rep.Torch),
		header: []text{{"number", "数字"}, tf("nnlab (%d seeds)", "nnlab（%d 个种子）", len(r.Seeds)), {"PyTorch", "PyTorch"}, {"agree", "一致"}}}
	agree, total := 0, 0
	var differ []string
	for _, n := range rep.Numbers {
		nn, err := lookupCell(r, n.Table, n.Path)
		if err != nil {
			continue
		}
		c := compare(n, nn)
		total++
		verdict := text{"no", "否"}
		if c.agree {
			agree++
			verdict = text{"yes", "是"}
		} else {
			differ = append(differ, n.Label)
		}
		py := cmpCell(c.pytorch, c.tol == nil, l)
		if n.Seeds > 0 {
			py = tf("%s (%d seeds)", "%s（%d 个种子）", py, n.Seeds)
		}
		if c.tol != nil {
			verdict = tf("%s (tolerance %s)", "%s（容差 %s）", verdict, num(*c.tol))
		}
		t.rows = append(t.rows, []text{plain(strings.ReplaceAll(n.Label, "|", `\|`)), cmpCell(c.nnlab, c.tol == nil, l), py, verdict})
	}
	fmt.Fprintf(b, "### %s\n\n", rep.Experiment)
	b.WriteString(tf("Scope: %s. PyTorch seeds: %s.\n\n", "范围：%s。PyTorch 种子：%s。\n\n", rep.Scope, intList(rep.Seeds)).in(l))
	b.WriteString(t.markdown(l))
	switch {
	case total == 0:
		b.WriteString(text{"None of these numbers is in this run's results.\n\n", "本次运行的结果中没有这些数字。\n\n"}.in(l))
	case agree == total:
		b.WriteString(tf("All %d numbers agree up to seed noise.\n\n", "全部 %d 个数字在种子噪声范围内一致。\n\n", total).in(l))
	default:
		b.WriteString(tf("%d of %d numbers agree up to seed noise; these do not: %s.\n\n",
			"%d / %d 个数字在种子噪声范围内一致；不一致的是：%s。\n\n", agree, total, strings.Join(differ, "; ")).in(l))
	}
}

// cmpCell shows a median with its interval, "never" for +Inf.
func cmpCell(v cellValue, interval bool, l Lang) text {
	f := func(x float64) string {
		if math.IsInf(x, 1) && v.epochs {
			return text{"never", "未达到"}.in(l)
		}
		return num4(x)
	}
	if !interval || v.lo == v.hi && v.lo == v.median {
		return plain(f(v.median))
	}
	return plain(fmt.Sprintf("%s [%s, %s]", f(v.median), f(v.lo), f(v.hi)))
}

// num4 formats with 4 significant digits, "—" for NaN.
func num4(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case math.IsInf(v, 1):
		return "∞"
	case v == 0:
		return "0"
	case math.Abs(v) < 1e-3:
		return fmt.Sprintf("%.3e", v)
	}
	return fmt.Sprintf("%.4g", v)
}

func intList(vs []int) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
