package timeline

import "khatt/model"

// Giving each event a date: from its own time expression, or from the context the article gives.

// attachDates gives each date of a sentence to the nearest trigger, preferring
// the trigger before it (Arabic puts the time after the verb), never across a
// reported clause, and not farther than twelve tokens.
func attachDates(toks []Token, trigs []trigger, dates []dateExpr) map[int]dateExpr {
	own := map[int]dateExpr{}
	for _, de := range dates {
		if is(toks, de.from-1, boundWords) {
			continue // "منذ عام 2011", "بحلول نهاية العام": a bound, not the event's date
		}
		best, bestDist := -1, 1<<30
		for ti, tr := range trigs {
			var dist int
			var lo, hi int
			if tr.at+tr.n <= de.from {
				dist, lo, hi = de.from-(tr.at+tr.n), tr.at+tr.n, de.from
			} else if de.to <= tr.at {
				dist, lo, hi = tr.at-de.to+1, de.to, tr.at
				if punctBetween(toks, de.to, tr.at) {
					dist += 6 // "زار دمشق أول أمس، والتقى": the date closes the clause before
				}
			} else {
				continue
			}
			if dist > 12 || crosses(toks, lo, hi) {
				continue
			}
			if tr.at < de.from {
				// "المحادثات … التي عقدت يوم الأربعاء": the head of the relative
				// clause, unless the clause names another event nearer the date.
				if r := relativeAt(toks, lo, hi); r >= 0 && !triggerBetween(trigs, r, de.from) {
					dist = r - lo
				}
			}
			if dist < bestDist {
				best, bestDist = ti, dist
			}
		}
		if best >= 0 {
			if _, taken := own[best]; !taken {
				own[best] = de
			}
		}
	}
	return own
}

var boundWords = wordSet("منذ", "بحلول", "حتى", "لغايه")

var relatives = wordSet("التي", "الذي", "اللتين", "اللذين", "الذين", "اللذان", "اللتان")

func triggerBetween(trigs []trigger, lo, hi int) bool {
	for _, t := range trigs {
		if t.at > lo && t.at < hi {
			return true
		}
	}
	return false
}

// relativeAt returns the first relative pronoun in [lo, hi), or -1.
func relativeAt(toks []Token, lo, hi int) int {
	for k := lo; k < hi; k++ {
		if is(toks, k, relatives) {
			return k
		}
	}
	return -1
}

// clauseBreaks end the reach of a date: a reported clause starts.
var clauseBreaks = wordSet("ان", "انه", "انها", "انهم", "بان", "بانه", "بانها")

func crosses(toks []Token, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if is(toks, k, clauseBreaks) || punctIs(toks, k, ":") {
			return true
		}
	}
	return false
}

// datesFromContext dates the candidates of one article that the text does
// not date itself: from an earlier event of the same actor a few sentences
// before, else from the publication date, as the interval that the evidence
// supports (reported events: the week before publication; planned ones: the
// week after).
func datesFromContext(cs []*candidate, a anchor) {
	for i, c := range cs {
		if c.ownDate || c.date.Known() {
			continue
		}
		from, to := a.pub.AddDate(0, 0, -7), a.pub
		if c.planned {
			from, to = a.pub, a.pub.AddDate(0, 0, 7)
		}
		recent := model.Span(from, to)
		recent.Start, recent.End = from, to
		for j := i - 1; j >= 0; j-- {
			p := cs[j]
			if c.sent-p.sent > 3 {
				break
			}
			// Context refines the date within the period the report implies,
			// or carries on from the sentence just before; it never moves an
			// event into the background the article recalls.
			near := c.sent-p.sent <= 1 || !a.known() || p.date.Overlaps(recent)
			first := j == 0 || cs[j-1].sent != p.sent
			if p.ownDate && p.date.Known() && sameActor(p, c) && p.planned == c.planned && near && first {
				c.date = p.date
				c.date.Basis = model.Basis{Kind: model.Context, Source: a.source, Anchor: a.pub, Sentence: p.sent + 1}
				break
			}
		}
		if c.date.Known() || !a.known() {
			continue
		}
		d := model.Span(from, to)
		d.Basis = model.Basis{Kind: model.Reported, Source: a.source, Anchor: a.pub}
		c.date = d
	}
}
