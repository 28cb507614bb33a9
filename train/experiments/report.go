package experiments

import (
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
)

// Lang selects the language of a report.
type Lang int

// The languages reports are written in.
const (
	English Lang = iota
	Chinese
)

// text is a piece of a report in both languages.
type text struct{ en, zh string }

func (t text) in(l Lang) string {
	if l == Chinese {
		return t.zh
	}
	return t.en
}

// plain is text that reads the same in both languages: numbers, names.
func plain(s string) text { return text{s, s} }

// tf formats a text in both languages with the same arguments; an
// argument that is itself a text is formatted in the matching language.
func tf(en, zh string, args ...any) text {
	return text{fmt.Sprintf(en, argsIn(args, English)...), fmt.Sprintf(zh, argsIn(args, Chinese)...)}
}

func argsIn(args []any, l Lang) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(text); ok {
			a = t.in(l)
		}
		out[i] = a
	}
	return out
}

// reportDoc is what report.md says beyond the verdict, in both languages.
type reportDoc struct {
	claim   text
	setup   []text
	tables  []mdTable
	notes   []text
	figures []figureRef
	try     tryIt
}

// mdTable is one table of a report.
type mdTable struct {
	key    string // the name in results.json's tables, shown with the title
	title  text
	header []text
	rows   [][]text
}

// figureRef is a PNG beside report.md.
type figureRef struct {
	file    string
	caption text
}

func (r *Result) addFigure(file string, caption text) {
	r.Figures = append(r.Figures, file)
	r.doc.figures = append(r.doc.figures, figureRef{file, caption})
}

// Markdown returns the report: the claim, the setup, the tables, the
// figures and the verdict with its rule.
func (r *Result) Markdown(l Lang) string { return r.markdown(l, 1, "") }

// markdown renders the report with its title at heading level and figure
// links prefixed by figDir (for a page that is not beside the figures).
func (r *Result) markdown(l Lang, level int, figDir string) string {
	h := func(n int) string { return strings.Repeat("#", level+n) + " " }
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("%s%s\n\n", h(0), r.Experiment)
	w("**%s** %s\n\n", text{"Claim.", "主张。"}.in(l), r.doc.claim.in(l))
	if r.Quick {
		w("*%s*\n\n", text{"Quick run: fewer samples, epochs and settings than the default; numbers are only indicative.",
			"快速运行：样本、轮数和设置都少于默认值，数字仅供参考。"}.in(l))
	}
	w("%s%s\n\n", h(1), text{"Setup", "设置"}.in(l))
	for _, p := range r.doc.setup {
		w("%s\n\n", p.in(l))
	}
	w("%s\n\n", tf("Seeds: %s. Every (setting, seed) cell draws its data and weights from its own generator; all settings are in `results.json`.",
		"种子：%s。每个（设置，种子）单元从自己的随机数生成器抽取数据和权重；全部设置记录在 `results.json` 中。", seedList(r.Seeds)).in(l))
	w("%s%s\n\n", h(1), text{"Results", "结果"}.in(l))
	w("%s\n\n", intervalNote.in(l))
	for _, t := range r.doc.tables {
		w("%s", t.markdown(l))
	}
	for _, n := range r.doc.notes {
		w("%s\n\n", n.in(l))
	}
	if len(r.doc.figures) > 0 {
		w("%s%s\n\n", h(1), text{"Figures", "图"}.in(l))
		for _, f := range r.doc.figures {
			w("![%s](%s%s)\n\n*%s*\n\n", f.caption.in(l), figDir, f.file, f.caption.in(l))
		}
	}
	w("%s%s%s\n\n", h(1), text{"Verdict: ", "结论："}.in(l), holdsText(r.Verdict.Holds).in(l))
	v, rule := r.Verdict.Text, r.Verdict.Rule
	if l == Chinese {
		v, rule = r.Verdict.TextZH, r.Verdict.RuleZH
	}
	w("%s\n\n", v)
	w("*%s* %s\n", text{"Rule, fixed before the run:", "判定规则（运行前确定）："}.in(l), rule)
	if len(r.doc.try.commands) > 0 {
		w("\n%s%s\n\n", h(1), text{"Try it", "动手试试"}.in(l))
		w("```\n%s\n```\n\n", strings.Join(r.doc.try.commands, "\n"))
		w("%s %s\n", r.doc.try.look.in(l), historyNote.in(l))
	}
	if lab := labText(r.Experiment, l); lab != "" {
		w("\n%s\n", lab)
	}
	return b.String()
}

func holdsText(h string) text {
	switch h {
	case HoldsYes:
		return text{"the claim holds", "主张成立"}
	case HoldsNo:
		return text{"the claim does not hold", "主张不成立"}
	default:
		return text{"the claim holds only in part", "主张部分成立"}
	}
}

func seedList(s []uint64) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, ", ")
}

func (t mdTable) markdown(l Lang) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (`%s`)\n\n", t.title.in(l), t.key)
	cells := make([]string, len(t.header))
	for i, c := range t.header {
		cells[i] = c.in(l)
	}
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(cells, " | "), strings.Repeat("---|", len(t.header)))
	for _, row := range t.rows {
		cells = cells[:0]
		for _, c := range row {
			cells = append(cells, c.in(l))
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	b.WriteString("\n")
	return b.String()
}

// num formats a value with 3 significant digits, "—" for NaN.
func num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case math.IsInf(v, 1):
		return "∞"
	case v == 0:
		return "0"
	case math.Abs(v) < 1e-3 || math.Abs(v) >= 1e5:
		return fmt.Sprintf("%.2e", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// fixed formats a value with d decimals, "—" for NaN.
func fixed(v float64, d int) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.*f", d, v)
}

// statsCell shows the median and its 95% bootstrap interval with d
// decimals, "m [lo, hi]", or a single value when the three agree.
func statsCell(s Stats, d int) text { return estimateCell(s.interval(), d) }

// estimateCell shows an estimate and its interval with d decimals.
func estimateCell(e Estimate, d int) text {
	return intervalCell(e, func(v float64) string { return fixed(v, d) })
}

// statsCellG is statsCell with 3 significant digits.
func statsCellG(s Stats) text { return intervalCell(s.interval(), num) }

func intervalCell(e Estimate, f func(float64) string) text {
	if e.N == 0 {
		return plain("—")
	}
	m, lo, hi := f(float64(e.Value)), f(float64(e.Lo)), f(float64(e.Hi))
	if lo == hi && m == lo {
		return plain(m)
	}
	return plain(fmt.Sprintf("%s [%s, %s]", m, lo, hi))
}

// ciText writes an estimate with its interval for a verdict's prose:
// "0.97 (95% CI 0.95, 0.98)", with d decimals.
func ciText(e Estimate, d int) text {
	m, lo, hi := fixed(float64(e.Value), d), fixed(float64(e.Lo), d), fixed(float64(e.Hi), d)
	return tf("%s (95%% CI %s, %s)", "%s（95%% 置信区间 %s, %s）", m, lo, hi)
}

// intervalNote explains the brackets of every table, in both languages.
var intervalNote = tf("Table cells show the median over seeds and, in brackets, its 95%% percentile-bootstrap interval (%d resamples of the seeds, drawn from a fixed seed, so the interval is reproducible); minimum and maximum are in `results.json`.",
	"表格中的值为各种子的中位数，方括号内为其 95%% 百分位自助法（bootstrap）区间（对种子重抽样 %d 次，抽样器种子固定，因此区间可复现）；最小值和最大值见 `results.json`。", Resamples)

// verdict builds a Verdict from the outcome, its explanation and the rule.
func verdict(holds string, why, rule text) Verdict {
	return Verdict{Holds: holds, Text: why.en, TextZH: why.zh, Rule: rule.en, RuleZH: rule.zh}
}

// joinText joins texts with a space (English) or nothing (Chinese).
func joinText(ts ...text) text {
	var en, zh []string
	for _, t := range ts {
		if t.en != "" {
			en = append(en, t.en)
		}
		if t.zh != "" {
			zh = append(zh, t.zh)
		}
	}
	return text{strings.Join(en, " "), strings.Join(zh, "")}
}

// Summary returns the result as plain text: the claim, every table and
// the verdict, in English, as `train experiment` prints them.
func (r *Result) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s: %s\n", r.Experiment, holdsText(r.Verdict.Holds).en)
	fmt.Fprintf(&b, "claim: %s\n\n", r.Claim)
	for _, t := range r.doc.tables {
		fmt.Fprintf(&b, "%s [%s]\n", t.title.en, t.key)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		cells := make([]string, len(t.header))
		for i, c := range t.header {
			cells[i] = c.en
		}
		fmt.Fprintln(tw, "  "+strings.Join(cells, "\t"))
		for _, row := range t.rows {
			cells = cells[:0]
			for _, c := range row {
				cells = append(cells, c.en)
			}
			fmt.Fprintln(tw, "  "+strings.Join(cells, "\t"))
		}
		tw.Flush()
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "verdict (%s): %s\n", r.Verdict.Holds, r.Verdict.Text)
	return b.String()
}

// f formats the text in both languages with the same arguments, as tf.
func (t text) f(args ...any) text { return tf(t.en, t.zh, args...) }
