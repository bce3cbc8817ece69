package extract

import (
	"strings"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// trigger is a word that signals an event, as it stands in its sentence.
type trigger struct {
	at, n   int
	info    lexicon.Trigger
	verb    bool // used as a verb (a verb trigger after a preposition is its verbal noun)
	future  bool // the verb carries سـ or follows سوف
	conj    bool // a glued و or ف: the verb opens a coordinated clause
	negated bool
	clause  int
	lemma   string
}

// layers adds a sentence's triggers, clauses and time expressions.
func (d *doc) layers(s *sent) {
	toks := s.Tokens
	inEnt := d.sc.bools.take(len(toks))
	for _, m := range s.ments {
		for k := m.from; k < m.to && k < len(toks); k++ {
			inEnt[k] = true
		}
	}
	w := d.x.w
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind != arabic.Word || inEnt[i] || d.masked(s, i) || w.exclude.Has(t) && (w.exclude.Contains(t.Norm) || w.exclude.Contains(t.Bare())) {
			continue
		}
		m, ok := d.x.lx.Triggers.At(toks, i)
		if !ok {
			continue
		}
		if !d.needsMet(toks, i+m.N, m.Val.Needs) {
			continue // «أعرب» with nothing «عن», «رأى» with no «أن»: another sense
		}
		tr := trigger{at: i, n: m.N, info: m.Val, verb: m.Val.Verb, lemma: lemma(m.Reading.Stem), conj: m.Reading.Conj()}
		if strings.Contains(m.Reading.Pre, "س") && m.Val.Verb {
			tr.future = true
		}
		if m.Reading.Definite() && m.Val.Verb && !strings.HasPrefix(d.x.lx.Triggers.Phrase(m.Index).Words[0], "ال") {
			tr.verb = false // «الاستقبال», not the verb
		}
		if m.Val.Verb && strings.HasSuffix(arabic.StripMarks(toks[i+m.N-1].Raw), "ة") {
			tr.verb = false // «استضافة»: no verb ends in ة; it is the verbal noun
		}
		if tr.verb && (is(toks, i-1, g.preps) || is(toks, i-1, d.x.lx.Set("after")) || is(toks, i-1, d.x.lx.Set("before"))) && !m.Val.Has(lexicon.Continue) {
			tr.verb = false // «فضلا عن طلب …», «بعد استقبال»: the verbal noun
		}
		if is(toks, i-1, g.sawfa) {
			tr.future = true
		}
		if !m.Val.Verb && m.Val.Type == model.Statement && m.N == 1 && accusative(t) && d.lightVerb(s, i, 0) < 0 {
			continue // «ترحيبا بجلالته»: why something was done, not what was said
		}
		if tr.verb && (bareIs(toks, i-1, w.negation) || bareIs(toks, i-2, w.negation) && is(toks, i-1, g.kana)) {
			tr.negated = true
		}
		if m.Val.Has(lexicon.Post) && m.Val.Type == model.Statement && !m.Val.Has(lexicon.Position) {
			// «كتب» is a post only with the post named («كتب في تغريدة»): a
			// byline «كتب: فلان» is not.
			found := false
			for k := i + 1; k < len(toks) && k <= i+20 && !toks[k].IsPunct(":"); k++ {
				if w.post.Has(&toks[k]) {
					found = true
					break
				}
			}
			if !found {
				continue
			}
		}
		s.trigs = append(s.trigs, tr)
		i += m.N - 1
	}
	s.clauses = arabic.Clauses(toks, func(i int) arabic.VerbKind {
		for _, tr := range s.trigs {
			if tr.at == i && tr.verb {
				k := arabic.Verb
				if tr.info.Type == model.Statement {
					k = arabic.SpeechVerb
				}
				if tr.conj {
					k |= arabic.Conj
				}
				return k
			}
		}
		if a, ok := w.light.In(&toks[i]); ok || is(toks, i, g.kana) && i+1 < len(toks) && !toks[i+1].IsPunct("،,") {
			k := arabic.Verb
			if a.Conj() || d.conjGlued(toks, i) {
				k |= arabic.Conj
			}
			return k
		}
		return arabic.NotVerb
	})
	for k := range s.trigs {
		s.trigs[k].clause = arabic.Of(s.clauses, s.trigs[k].at)
	}
	if !s.furniture && len(s.trigs) > 0 {
		// Only a trigger's frame reads its sentence's dates (dateFrames,
		// the frames' own time phrases): a sentence without one is not
		// tagged.
		s.exprs = d.x.tg.Tag(toks, d.anchor, s.masked)
	}
}

// needsMet reports whether what a trigger needs follows it within its
// clause's first words: إلى/ل for "to", عن/على or a complementiser for
// "about", a complementiser or a colon for "that". ("with" is judged with
// the roles: «وبحث الجانبان» needs no مع.)
func (d *doc) needsMet(toks []arabic.Token, from int, needs string) bool {
	if needs == "" || needs == "with" {
		return true
	}
	for k := from; k < len(toks) && k < from+10; k++ {
		t := &toks[k]
		if t.IsPunct(".") {
			return false
		}
		if t.IsPunct(":") && needs != "to" || is(toks, k, g.comp) && needs != "to" {
			return true
		}
		switch needs {
		case "to":
			if is(toks, k, g.to) || bareIs(toks, k, g.ilaa) {
				return true
			}
		case "about":
			if bareIs(toks, k, g.anAlaa) {
				return true
			}
		}
	}
	return false
}

// accusative reports whether a noun ends in the indefinite accusative
// (-ًا): «ترحيبًا»، «تأكيدا».
func accusative(t *arabic.Token) bool {
	raw := strings.TrimSuffix(t.Raw, "\u064b")
	if strings.HasSuffix(raw, "ها") || strings.HasSuffix(raw, "هما") || strings.HasSuffix(raw, "نا") {
		return strings.ContainsRune(t.Raw, 0x064B) // «قولها»: a pronoun, not the accusative
	}
	return strings.HasSuffix(raw, "ا") && !t.An[0].Definite() || strings.ContainsRune(t.Raw, 0x064B)
}

// lemma is a trigger word without suffixes, for comparing event nouns
// (اجتماع / الاجتماعات / اجتماعه).
func lemma(stem string) string {
	for _, suf := range []string{"هما", "هم", "ها", "ه", "ات", "ين", "ان", "ا"} {
		if r, ok := strings.CutSuffix(stem, suf); ok && arabic.RuneLen(r) >= 3 {
			stem = r
			break
		}
	}
	stem = strings.TrimPrefix(stem, "ال")
	if r, ok := strings.CutSuffix(stem, "ت"); ok && arabic.RuneLen(r) >= 3 {
		stem = r + "ه"
	}
	return stem
}
