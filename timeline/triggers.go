package timeline

import "strings"

// Trigger words: finding them, and what around them says about the event (planned, an ordinal, a preposition a verb needs).

type trigger struct {
	at, n  int
	info   triggerInfo
	future bool // the verb carries the future prefix سـ
}

// triggers finds the trigger words of a sentence.
func (d *docState) triggers(toks []Token, ents []entMention) []trigger {
	inEnt := make([]bool, len(toks))
	for _, e := range ents {
		for k := e.from; k < e.to && k < len(toks); k++ {
			inEnt[k] = true
		}
	}
	quoted := quotedWords(toks)
	var out []trigger
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != Word || inEnt[i] || quoted[i] || d.excluded(t) {
			continue
		}
		pi, n := d.lx.triggers.matchIndex(toks, i)
		var info triggerInfo
		if n > 0 {
			info = d.lx.triggers.phrases[pi].val
		}
		future := false
		if n == 0 {
			// سيزور، ستعقد: the future prefix on a present verb.
			for _, f := range conjStripped(t) {
				if rest, ok := strings.CutPrefix(f, "س"); ok && len(rest) >= 6 && strings.ContainsRune("يتن", []rune(rest)[0]) {
					tt := t
					tt.Forms = cliticForms(rest)
					saved := toks[i]
					toks[i] = tt
					pi, n = d.lx.triggers.matchIndex(toks, i)
					if n > 0 {
						info = d.lx.triggers.phrases[pi].val
					}
					toks[i] = saved
					if n > 0 && info.verb {
						future = true
						break
					}
					n = 0
				}
			}
		}
		if n == 0 {
			continue
		}
		if info.verb && !info.continuation && (withArticle(t, d.lx.triggers.phrases[pi].words[0]) || is(toks, i-1, prepositions2) || is(toks, i-1, masdarCues)) {
			info.verb = false // "فضلا عن طلب …": the verbal noun, not the verb
		}
		out = append(out, trigger{at: i, n: n, info: info, future: future})
		i += n - 1
	}
	return out
}

var duringWords = wordSet("خلال", "اثناء", "ابان")

// withArticle reports whether the word carries the article in front of the
// lexicon word w (الطلب for طلب), which التقى, whose ال is its own, does not.
func withArticle(t Token, w string) bool {
	for _, f := range conjStripped(t) {
		if strings.HasPrefix(f, "ال"+w) || strings.HasPrefix(f, "لل") && strings.HasPrefix("ال"+f[len("لل"):], "ال"+w) {
			return true
		}
	}
	return false
}

var masdarCues = wordSet("بعد", "قبل", "عقب", "اثر", "خلال", "بهدف", "بغيه", "فضلا")

// quotedWords marks the words inside a quoted question of more than three
// words: what a speaker asks ("هل يستطيع قائد … أن يزور إيران؟") reports no
// event.
func quotedWords(toks []Token) []bool {
	out := make([]bool, len(toks))
	open := -1
	for i, t := range toks {
		if t.Kind != Punct {
			continue
		}
		switch {
		case t.Raw == "«" || t.Raw == "“" || t.Raw == "\"" && open < 0:
			open = i
		case (t.Raw == "»" || t.Raw == "”" || t.Raw == "\"") && open >= 0:
			words := 0
			for k := open + 1; k < i; k++ {
				if toks[k].Kind == Word {
					words++
				}
			}
			if words > 3 && isQuestion(toks[open+1:i]) {
				for k := open + 1; k < i; k++ {
					out[k] = true
				}
			}
			open = -1
		}
	}
	return out
}

var questionWords = wordSet("هل", "ماذا", "لماذا", "كيف", "متى", "اين", "من")

func isQuestion(toks []Token) bool {
	for i, t := range toks {
		if t.Kind == Punct && (t.Raw == "؟" || t.Raw == "?") {
			return true
		}
		if i == 0 && is(toks, 0, questionWords) {
			return true
		}
	}
	return false
}

func (d *docState) excluded(t Token) bool { return inConj(t, d.lx.exclude) }

// prepFollows reports whether the preposition a trigger needs ("بحث … مع")
// comes within a few words after it.
func prepFollows(toks []Token, tr trigger, needs string) bool {
	set := needWords[needs]
	for k := tr.at + tr.n; k < len(toks) && k <= tr.at+tr.n+8; k++ {
		if is(toks, k, set) || toks[k].Kind == Word && toks[k].Norm != toks[k].Forms[len(toks[k].Forms)-1] && glued(toks[k], set) {
			return true
		}
		if punctIs(toks, k, ".:؟") || is(toks, k, complementizers) {
			return false
		}
	}
	return false
}

var needWords = map[string]map[string]bool{
	"with":  wordSet("مع", "ب"),
	"to":    wordSet("الى", "ل", "نحو"),
	"about": wordSet("عن"),
}

// glued reports whether the word carries one of the one-letter prepositions
// in set glued to its front (معه is مع + ه: a pronoun, not glued).
func glued(t Token, set map[string]bool) bool {
	for _, f := range conjStripped(t) {
		for p := range set {
			if len(p) == 2 && strings.HasPrefix(f, p) && len(f) > 4 { // one Arabic letter
				return true
			}
		}
		for p := range set {
			if strings.HasPrefix(f, p) && len(f) > len(p)+2 && p == "مع" {
				return true // معه، معها
			}
		}
	}
	return false
}

// plannedNear reports whether a future marker stands within a few words of
// the trigger.
func (d *docState) plannedNear(toks []Token, tr trigger) bool {
	for k := max(0, tr.at-5); k < len(toks) && k <= tr.at+tr.n+3; k++ {
		if _, n := d.lx.planned.match(toks, k); n > 0 {
			if k > tr.at && crosses(toks, tr.at, k) {
				break
			}
			return true
		}
	}
	return false
}

func ordinalNear(toks []Token, tr trigger) string {
	for k := max(0, tr.at-3); k < len(toks) && k <= tr.at+tr.n+3; k++ {
		if is(toks, k, ordinals) {
			return toks[k].Raw
		}
	}
	return ""
}
