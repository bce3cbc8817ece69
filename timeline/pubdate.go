package timeline

import (
	"strings"

	"khatt/model"
)

// publication cues, strongest first: where the text states its own date.
var (
	publishedCues = wordSet("نشر", "نشرت", "النشر", "منشور", "بتاريخ")
	updatedCues   = wordSet("تحديث", "التحديث", "حدث")
)

// statedPublication finds the publication date stated in an article's text:
// "نشر في 18-08-2020", "تاريخ النشر: …", "آخر تحديث …" or a dateline such as
// "اليوم الخميس 8 يناير 2026". It looks at the first and last lines only and
// returns an unknown date when none is stated: never a guess.
func (lx *Lexicon) statedPublication(text string, from int) model.Date {
	lines := strings.Split(text[from:], "\n")
	var candidates []int
	for i := range lines {
		if i < 15 || i >= len(lines)-5 {
			candidates = append(candidates, i)
		}
	}
	var updated model.Date
	off := from
	offsets := make([]int, len(lines))
	for i, l := range lines {
		offsets[i] = off
		off += len(l) + 1
	}
	for _, i := range candidates {
		start := offsets[i]
		toks := Tokenize(text, start, start+len(lines[i]))
		for k := range toks {
			published, upd := is(toks, k, publishedCues), is(toks, k, updatedCues)
			dateline := is(toks, k, todayWord)
			if !published && !upd && !dateline {
				continue
			}
			// The date must follow within a few words ("نشر في", "تاريخ النشر:");
			// a Hijri date beside its Gregorian one ("الموافق") counts as the
			// Gregorian.
			for _, e := range lx.findDates(text, toks, anchor{}) {
				if e.from < k || e.from > k+4 || e.date.Precision != model.Day {
					continue
				}
				d := e.date
				d.Expr = strings.TrimSpace(text[toks[k].Start:toks[e.to-1].End])
				d.Basis = model.Basis{Kind: model.Stated}
				if upd {
					if !updated.Known() {
						updated = d
					}
					break
				}
				return d
			}
		}
	}
	return updated
}
