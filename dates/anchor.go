package dates

import (
	"time"

	"khatt/arabic"
	"khatt/model"
)

// Masker says which tokens of a sentence are not the article's words (an
// outlet's name, page furniture); it may return nil.
type Masker func(s *arabic.Sentence) []bool

// Stated finds the publication date an article states for itself, for
// articles whose metadata gives none: a date after a cue («نشر في»،
// «تاريخ النشر»، «بتاريخ»), a dateline with «اليوم» («اليوم الخميس 8 يناير
// 2026»), or a line that is only a date near the top. A page's own stamp
// (a sidebar's date, today's date on the site) loses to a date the text's
// «اليوم الاثنين» agrees with. It returns an unknown date when none is
// stated: never a guess.
func (tg *Tagger) Stated(sents []arabic.Sentence, mask Masker) model.Date {
	type cand struct {
		d     model.Date
		score int
	}
	var cands []cand
	votes := tg.todayVotes(sents, mask)
	for si := range sents {
		s := &sents[si]
		if s.Line > 15 && si < len(sents)-5 {
			continue
		}
		toks := s.Tokens
		var masked []bool
		if mask != nil {
			masked = mask(s)
		}
		exprs := tg.Tag(toks, Anchor{}, masked)
		for _, e := range exprs {
			if e.Date.Precision != model.Day || e.Bound {
				continue
			}
			score := 0
			for k := max(0, e.From-4); k < e.From; k++ {
				t := &toks[k]
				switch {
				case t.Is("نشر") || t.Is("النشر") || t.Is("بتاريخ") || t.Is("تاريخ") || t.Is("منشور"):
					score = max(score, 4)
				case t.Is("تحديث") || t.Is("التحديث"):
					score = max(score, 2)
				}
			}
			if score == 0 && e.Weekday >= 0 && e.From > 0 && tg.today.Has(&toks[e.From-1]) {
				score = 3 // «اليوم الخميس 8 يناير 2026»
			}
			if score == 0 {
				// A line that is only a date (and maybe a time or a place).
				words := 0
				for k := range toks {
					if (k < e.From || k >= e.To) && toks[k].Kind == arabic.Word {
						words++
					}
				}
				if words <= 3 && s.Headline {
					score = 1
				}
			}
			if score == 0 {
				continue
			}
			if votes >= 0 && int(e.Date.Start.Weekday()) == votes {
				score += 2
			}
			e.Date.Basis = model.Basis{Kind: model.Stated}
			cands = append(cands, cand{e.Date, score})
		}
	}
	best := -1
	for i, c := range cands {
		if best < 0 || c.score > cands[best].score {
			best = i
		}
	}
	if best < 0 {
		return model.Date{}
	}
	return cands[best].d
}

// todayVotes returns the weekday the text gives for the day it was
// written («اليوم الثلاثاء», or «أمس الاثنين» meaning a Tuesday), or -1
// when it gives none or disagrees with itself.
func (tg *Tagger) todayVotes(sents []arabic.Sentence, mask Masker) int {
	count := map[int]int{}
	for si := range sents {
		s := &sents[si]
		var masked []bool
		if mask != nil {
			masked = mask(s)
		}
		sn := sentence{Tagger: tg, toks: s.Tokens, masked: masked}
		for k := range s.Tokens {
			shift := 0
			switch {
			case sn.isToday(k):
			case sn.in(k, tg.yesterday):
				shift = 1
			case sn.in(k, tg.tomorrow):
				shift = -1
			default:
				continue
			}
			j := k + 1
			if sn.punct(j, "،,") {
				j++
			}
			if m, ok := tg.lx.Weekdays.At(s.Tokens, j); ok && !sn.isMasked(j) {
				count[(m.Val+shift+7)%7]++
			}
		}
	}
	best, n, total := -1, 0, 0
	for wd, c := range count {
		total += c
		if c > n || c == n && wd < best {
			best, n = wd, c
		}
	}
	if n*2 <= total {
		return -1
	}
	return best
}

// Reconcile returns the day relative dates resolve against: the
// publication date, unless the text says «اليوم الثلاثاء» (or «أمس
// الاثنين») of a day up to three days away from it, in which case the text
// wins and the anchor moves to that day. The second result reports a move.
func (tg *Tagger) Reconcile(pub time.Time, sents []arabic.Sentence, mask Masker) (time.Time, bool) {
	if pub.IsZero() {
		return pub, false
	}
	wd := tg.todayVotes(sents, mask)
	if wd < 0 || int(pub.Weekday()) == wd {
		return pub, false
	}
	return nearestWeekday(pub, wd), true
}
