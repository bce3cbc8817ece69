package timeline

import (
	"strings"
	"unicode/utf8"

	"khatt/model"
)

// candidate is one event as one sentence reports it, before merging.
type candidate struct {
	typ       model.EventType
	actors    []*Entity // the subjects first
	nsubj     int       // how many of actors are subjects; the rest take part
	place     *Entity
	date      model.Date
	ownDate   bool // the sentence gives the date (not context or fallback)
	planned   bool
	mention   model.Mention
	number    string
	sent      int             // sentence index in its source
	src       int             // source index
	trigStart int             // token index of the trigger
	lemma     string          // the trigger word without clitics
	words     map[string]bool // the sentence's content words, to tell statements apart
	host      bool            // a reception (استقبل): a meeting as much as a visit
	conflicts []model.Conflict
	summary   string
}

type trigger struct {
	at, n  int
	info   triggerInfo
	future bool // the verb carries the future prefix سـ
}

var (
	complementizers = wordSet("ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها", "لان", "لانه", "كي", "لكي", "الذي", "التي", "الذين")
	negations       = wordSet("لم", "لن", "ولم", "ولن", "فلم")
	prepositions2   = wordSet("من", "الى", "على", "عن", "مع", "في", "لدى", "ضد", "بين", "حول", "عند", "امام", "خلف", "وراء", "عبر", "نحو", "تجاه")
	ordinals        = wordSet("الاولى", "الاول", "الثانيه", "الثاني", "الثالثه", "الثالث", "الرابعه", "الرابع",
		"الخامسه", "الخامس", "السادسه", "السادس", "السابعه", "السابع", "الثامنه", "الثامن", "التاسعه", "التاسع", "العاشره", "العاشر")
	betweenWord = wordSet("بين")
	withWords   = wordSet("مع", "ب")
	inWord      = wordSet("في")
)

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

var (
	restating   = wordSet("في", "خلال", "ب")
	subjunctive = wordSet("ان", "لكي", "كي")
)

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

func (d *docState) excluded(t Token) bool {
	for _, f := range conjStripped(t) {
		if d.lx.exclude[f] {
			return true
		}
	}
	return false
}

// sentence is what the extractor knows about the sentence it reads.
type sentence struct {
	toks   []Token
	ents   []entMention
	entAt  map[int][]entMention // by first token
	entEnd map[int]entMention   // by token after the last
	trigs  []trigger
	found  []*candidate // candidates made so far in this sentence
	// attributedAt is the last trigger spoken by an unnamed source.
	attributedAt int
}

func (d *docState) readSentence(toks []Token) *sentence {
	s := &sentence{toks: toks, ents: d.entities(toks), entAt: map[int][]entMention{}, entEnd: map[int]entMention{}, attributedAt: -1}
	for _, e := range s.ents {
		s.entAt[e.from] = append(s.entAt[e.from], e)
		s.entEnd[e.to] = e
	}
	s.trigs = d.triggers(toks, s.ents)
	return s
}

var accordingTo = wordSet("وفقا", "وفق", "بحسب", "حسب", "نقلا", "طبقا")

// attributedTo reports whether the sentence is told on the authority of an
// outlet or an unnamed source ("ووفقا لوكالة أسوشيتد برس", "وبحسب مصدر").
func (d *docState) attributedTo(s *sentence) bool {
	for k, t := range s.toks {
		if t.Kind != Word || !is(s.toks, k, accordingTo) {
			continue
		}
		for j := k + 1; j < len(s.toks) && j <= k+3; j++ {
			if es, ok := s.entAt[j]; ok && es[0].ent.Kind == model.Media || s.toks[j].Kind == Word && d.isUnnamed(s.toks[j]) {
				return true
			}
		}
	}
	return false
}

// isTrigAt reports whether another trigger than tr starts at token k.
func (s *sentence) isTrigAt(k int, tr trigger) bool {
	for _, o := range s.trigs {
		if o.at == k && o.at != tr.at {
			return true
		}
	}
	return false
}

// isVerbAt reports whether another verb trigger than tr starts at token k.
func (s *sentence) isVerbAt(k int, tr trigger) bool {
	for _, o := range s.trigs {
		if o.at == k && o.at != tr.at && o.info.verb {
			return true
		}
	}
	return false
}

func hasVerbBefore(s *sentence, tr trigger) bool {
	for _, o := range s.trigs {
		if o.at < tr.at && o.info.verb {
			return true
		}
	}
	return false
}

// previousVerb returns the candidate made from the last verb before tr in
// the sentence, or nil when there is none or that verb made no event (its
// subject was then no one we know).
func (s *sentence) previousVerb(tr trigger) *candidate {
	last := -1
	for _, o := range s.trigs {
		if o.at < tr.at && o.info.verb {
			last = o.at
		}
	}
	if last < 0 {
		return nil
	}
	for _, c := range s.found {
		if c.trigStart == last {
			return c
		}
	}
	return nil
}

// sentenceCandidates turns the triggers of one sentence into candidates.
func (d *docState) sentenceCandidates(text string, sn Sentence, a anchor, prev []*candidate) []*candidate {
	s := d.readSentence(sn.Tokens)
	if len(s.trigs) == 0 {
		return nil
	}
	toks := s.toks
	if d.attributedTo(s) {
		d.attributed = sn.Index
	}
	var out []*candidate
	var kept []trigger
	for _, tr := range s.trigs {
		if is(toks, tr.at-1, negations) {
			continue
		}
		c := &candidate{typ: tr.info.typ, trigStart: tr.at, sent: sn.Index, lemma: lemmaOf(toks[tr.at])}
		c.mention = model.Mention{Start: sn.Start, End: sn.End, Sentence: text[sn.Start:sn.End],
			Trigger: text[toks[tr.at].Start:toks[tr.at+tr.n-1].End]}
		var actors []*Entity
		attributed := false
		planned := tr.future || d.plannedNear(toks, tr)
		if !tr.info.verb && (definite(toks[tr.at]) || is(toks, tr.at-1, demonstratives)) && len(d.sides(toks, tr)) == 0 && d.lGenitive(s, tr) == nil &&
			(is(toks, tr.at-1, prepositions2) || is(toks, tr.at-1, duringWords) || is(toks, tr.at-1, demonstratives)) {
			// "في المحادثات", "هذه الرسالة": the event already told.
			actors = d.definiteReference(toks, tr, out, prev, planned)
		}
		if len(actors) == 0 {
			actors, attributed = d.subject(s, tr)
		}
		if attributed {
			d.attributed = sn.Index
			s.attributedAt = tr.at
			continue
		}
		if len(actors) == 0 && (len(out) == 0 || s.attributedAt < out[len(out)-1].trigStart) {
			// "حيث ندد سياسيون بها، وتساءلوا": after an unnamed speaker the
			// implied subject is theirs, not the last actor's.
			actors = d.implicitSubject(s, tr, prev, sn.Index)
		}
		if len(actors) == 0 && !tr.info.verb && len(out) > 0 && d.purpose(toks, tr.at) {
			actors = subjects(out[len(out)-1]) // "زيارة … للقاء قادة الفصائل": the purpose of the visit
		}
		if len(actors) == 0 {
			actors = d.definiteReference(toks, tr, out, prev, planned)
		}
		if len(actors) == 0 && tr.info.typ == model.Talks {
			actors = d.partners(s, tr) // "تنوي عقد اجتماع مع الكاظمي"
		}
		if len(actors) == 0 {
			continue
		}
		if tr.info.needs != "" && !prepFollows(toks, tr, tr.info.needs) {
			continue
		}
		c.actors = actors
		c.nsubj = len(actors)
		c.host = tr.info.host
		d.participants(c, s, tr)
		if tr.info.needsPlace && c.place == nil {
			continue
		}
		if tr.info.host && len(c.actors) > 1 {
			// "استقبل الأمير … الرئيس السوري": the guest is the visitor.
			c.actors[0], c.actors[1] = c.actors[1], c.actors[0]
			c.nsubj = 1
		}
		c.planned = planned
		c.number = ordinalNear(toks, tr)
		c.summary = d.summary(c, text, toks, tr)
		if c.typ == model.Statement {
			c.words = d.contentWords(s)
		}
		out = append(out, c)
		s.found = out
		kept = append(kept, tr)
		d.lastActor = c.actors[0]
	}
	if len(out) == 0 {
		return nil
	}
	own := attachDates(toks, kept, d.lx.findDates(text, toks, a))
	for i, c := range out {
		if de, ok := own[i]; ok {
			if c.planned || !a.known() || !de.date.Known() || !de.date.Start.After(a.pub) {
				c.date, c.ownDate = de.date, true
				if de.calendar != nil {
					c.conflicts = append(c.conflicts, model.Conflict{Field: "calendar",
						A: model.Side{Value: de.hijri + " ← " + de.calendar.String(), Mention: c.mention},
						B: model.Side{Value: de.date.String(), Mention: c.mention}})
				}
			}
		}
		if !c.ownDate && kept[i].info.continuation {
			if p := lastOf(prev, model.Statement); p != nil && sameActor(p, c) && sn.Index-p.sent <= 3 {
				c.date = p.date
			}
		}
	}
	// "للقاء الذي جرى … خلال زيارة الكاظمي لطهران الشهر الماضي": an event
	// that took place during another takes its date.
	for i, c := range out {
		for j, o := range out {
			if c.ownDate || !o.ownDate || kept[j].at <= kept[i].at || kept[j].at-kept[i].at > 8 || !is(toks, kept[j].at-1, duringWords) {
				continue
			}
			c.date, c.ownDate = o.date, true
		}
	}
	return out
}

// contentWords returns the folded words of a sentence that can tell two
// statements apart: no names (they are the same by construction), no
// trigger words (every report has them), no stop words, three letters or
// more.
func (d *docState) contentWords(s *sentence) map[string]bool {
	out := map[string]bool{}
	inEnt := make([]bool, len(s.toks))
	for _, e := range s.ents {
		for k := e.from; k < e.to; k++ {
			inEnt[k] = true
		}
	}
	for _, tr := range s.trigs {
		for k := tr.at; k < tr.at+tr.n; k++ {
			inEnt[k] = true
		}
	}
	for k, t := range s.toks {
		if t.Kind == Punct || inEnt[k] || d.isStop(t) || is(s.toks, k, complementizers) {
			continue
		}
		f := t.Forms[len(t.Forms)-1]
		if utf8.RuneCountInString(f) >= 3 {
			out[f] = true
		}
	}
	return out
}

// attachDates gives each date of a sentence to the nearest trigger, preferring
// the trigger before it (Arabic puts the time after the verb), never across a
// reported clause, and not farther than twelve tokens.
func attachDates(toks []Token, trigs []trigger, dates []dateExpr) map[int]dateExpr {
	own := map[int]dateExpr{}
	for _, de := range dates {
		best, bestDist := -1, 1<<30
		for ti, tr := range trigs {
			var dist int
			var lo, hi int
			if tr.at+tr.n <= de.from {
				dist, lo, hi = de.from-(tr.at+tr.n), tr.at+tr.n, de.from
			} else if de.to <= tr.at {
				dist, lo, hi = tr.at-de.to+1, de.to, tr.at
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

// subject finds who acts: for a verb, the first actor after it, else the
// last one before it in the same clause; for a noun, the actor named after
// it (زيارة قاآني), else the subject of the verb that carries it. It
// reports attribution when the speaker is an unnamed source.
func (d *docState) subject(s *sentence, tr trigger) ([]*Entity, bool) {
	toks := s.toks
	speaker := tr.info.typ == model.Statement
	forward := func(limit int, allowPrep bool) ([]*Entity, bool) {
		for k := tr.at + tr.n; k < len(toks) && k < tr.at+tr.n+limit; k++ {
			if is(toks, k, complementizers) || punctIs(toks, k, ":.؟?") || s.isTrigAt(k, tr) {
				return nil, false
			}
			if es, ok := s.entAt[k]; ok {
				e := es[0]
				// Media report, places are visited, and a separate preposition
				// (إلى، من، على …) marks an object; a glued ل may mark a
				// noun's genitive (زيارة لمتزعم فيلق القدس). "كل من" is not one.
				objectPrep := is(toks, k-1, prepositions2) && !is(toks, k-2, allWord)
				if e.ent.Kind == model.Media || (e.prep && !allowPrep) || objectPrep ||
					(tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country)) {
					k = e.to - 1
					continue
				}
				return d.coordinated(s, es), false
			}
			if speaker && toks[k].Kind == Word && d.isUnnamed(toks[k]) {
				return nil, true
			}
		}
		return nil, false
	}
	backward := func(limit int) ([]*Entity, bool) {
		for k := tr.at; k > 0 && k > tr.at-limit; k-- {
			if e, ok := s.entEnd[k]; ok && !e.prep && !is(toks, e.from-1, prepositions2) && e.ent.Kind != model.Media {
				if tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country) {
					continue
				}
				return d.coordinated(s, s.entAt[d.firstConjunct(s, e).from]), false
			}
			j := k - 1
			if is(toks, j, complementizers) || is(toks, j, clauseOpeners) || punctIs(toks, j, ":.") || s.isVerbAt(j, tr) {
				return nil, false
			}
			// "مصادر أمنية قالت": an unnamed speaker right before the verb.
			if speaker && j >= tr.at-3 && toks[j].Kind == Word && d.isUnnamed(toks[j]) && !is(toks, j-1, prepositions2) && !punctBetween(toks, j, tr.at) {
				return nil, true
			}
		}
		return nil, false
	}
	if tr.info.continuation {
		// "وأضاف المسؤولان" names its speaker at once; "وأضاف أن …" carries on.
		return forward(3, false)
	}
	if tr.info.verb {
		// "الكاظمي يهدد إيران": a subject right before a verb that opens no
		// new clause (no glued و) is the subject.
		at := tr.at
		if is(toks, at-1, qadWords) {
			at-- // "وكان ميقاتي قد التقى"
		}
		if e, ok := s.entEnd[at]; ok && !e.prep && e.ent.Kind != model.Media && !conjGlued(toks[tr.at], "") &&
			!is(toks, e.from-1, prepositions2) && !(tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country)) {
			return d.coordinated(s, s.entAt[e.from]), false
		}
		if a, attr := forward(8, false); a != nil || attr {
			return a, attr
		}
		if p := s.previousVerb(tr); p != nil && s.attributedAt < p.trigStart &&
			(strings.HasPrefix(toks[tr.at].Norm, "و") || is(toks, tr.at-1, clauseOpeners)) {
			// "والتقى الصفدي عبد المهدي، وبحث معه": a second verb keeps the subject.
			return p.actors[:1], false
		}
		return backward(15)
	}
	if lv := d.lightVerbBefore(toks, tr.at); lv >= 0 {
		// "أجرى قاآني لقاءات", "الكاظمي بعث رسالة": the carrying verb's subject,
		// right after it or right before it.
		if es, ok := s.entAt[lv+1]; ok && lv+1 < tr.at && !es[0].prep && es[0].ent.Kind != model.Media {
			return d.coordinated(s, es), false
		}
		if e, ok := s.entEnd[lv]; ok && !e.prep && e.ent.Kind != model.Media && !is(toks, e.from-1, prepositions2) {
			return d.coordinated(s, s.entAt[e.from]), false
		}
		if lv+1 < tr.at && toks[lv+1].Kind == Word && d.isUnnamed(toks[lv+1]) {
			return nil, true
		}
		if lv+1 < tr.at && is(toks, lv+1, dualHeads) && len(s.found) > 0 && len(s.found[len(s.found)-1].actors) >= 2 {
			return s.found[len(s.found)-1].actors[:2], false // "حيث عقد الجانبان جلسة مباحثات"
		}
		if tr.info.typ == model.Talks {
			return d.sides(toks, tr), false
		}
		return forward(6, true)
	}
	if tr.info.typ == model.Talks {
		// "المحادثات الاستراتيجية الأمريكية – العراقية": the sides as adjectives.
		if sides := d.sides(toks, tr); len(sides) > 0 {
			return sides, false
		}
		if a, attr := backward(6); a != nil || attr {
			return a, attr
		}
		return forward(4, false)
	}
	if definite(toks[tr.at]) || is(toks, tr.at-1, demonstratives) {
		// A definite noun takes no bare genitive: "الزيارة … لمتزعم فيلق
		// القدس" names its actor with ل, "هذه الرسالة" points back.
		if a := d.lGenitive(s, tr); a != nil {
			return a, false
		}
		return nil, false
	}
	if a, attr := forward(6, true); a != nil || attr || tr.info.objectOnly {
		return a, attr
	}
	return d.nounSubject(s, tr), false
}

// nounSubject finds the actor written just before an event noun, in the same
// phrase: "تتوج واشنطن وبغداد حوارا". It stops at punctuation, a clause
// break, or another trigger.
func (d *docState) nounSubject(s *sentence, tr trigger) []*Entity {
	for k := tr.at; k > 0 && k > tr.at-4; k-- {
		if e, ok := s.entEnd[k]; ok {
			if e.prep || is(s.toks, e.from-1, prepositions2) || e.ent.Kind == model.Media ||
				tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country) {
				return nil
			}
			return d.coordinated(s, s.entAt[d.firstConjunct(s, e).from])
		}
		j := k - 1
		if s.toks[j].Kind == Punct || is(s.toks, j, complementizers) || s.isTrigAt(j, tr) {
			return nil
		}
	}
	return nil
}

// firstConjunct walks back from "وبغداد" to "واشنطن" in "واشنطن وبغداد".
func (d *docState) firstConjunct(s *sentence, e entMention) entMention {
	for e.conj {
		k := e.from
		if punctIs(s.toks, k-1, "،,") {
			k--
		}
		p, ok := s.entEnd[k]
		if !ok || (p.ent.Kind == model.Person) != (e.ent.Kind == model.Person) || p.prep || is(s.toks, p.from-1, prepositions2) {
			break
		}
		e = p
	}
	return e
}

var (
	allWord  = wordSet("كل")
	qadWords = wordSet("قد", "لقد")
)

// clauseOpeners start a new clause whose verb has the same subject as the
// one before ("… كما ناقش …").
var clauseOpeners = wordSet("كما", "ثم", "بينما", "فيما")

// lGenitive finds the actor of a definite noun named with ل within a few
// words: "الزيارة غير المعلنة لمتزعم فيلق القدس".
func (d *docState) lGenitive(s *sentence, tr trigger) []*Entity {
	for k := tr.at + tr.n; k < len(s.toks) && k < tr.at+tr.n+5; k++ {
		if s.isTrigAt(k, tr) || is(s.toks, k, complementizers) {
			return nil
		}
		es, ok := s.entAt[k]
		if !ok {
			continue
		}
		lSeparate := s.toks[k-1].Kind == Word && s.toks[k-1].Norm == "ل" || k >= 2 && s.toks[k-2].Norm == "ل"
		if (es[0].prep && strings.HasPrefix(conjStripped(s.toks[k])[len(conjStripped(s.toks[k]))-1], "ل") || lSeparate) &&
			es[0].ent.Kind != model.Media && !(tr.info.typ == model.Visit && (es[0].ent.Kind == model.Place || es[0].ent.Kind == model.Country)) {
			return d.coordinated(s, es)
		}
		return nil
	}
	return nil
}

// partners returns the named parties of talks introduced by مع or بين.
func (d *docState) partners(s *sentence, tr trigger) []*Entity {
	for k := tr.at + tr.n; k < len(s.toks) && k < tr.at+tr.n+10; k++ {
		if s.isTrigAt(k, tr) || is(s.toks, k, complementizers) {
			return nil
		}
		if es, ok := s.entAt[k]; ok && (is(s.toks, k-1, withWords) || is(s.toks, k-1, betweenWord)) && es[0].ent.Kind != model.Media {
			return d.coordinated(s, es)
		}
	}
	return nil
}

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

func punctBetween(toks []Token, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if toks[k].Kind == Punct {
			return true
		}
	}
	return false
}

// sides reads the nationality adjectives after a talks noun.
func (d *docState) sides(toks []Token, tr trigger) []*Entity {
	var out []*Entity
	for k := tr.at + tr.n; k < len(toks) && k < tr.at+tr.n+5; k++ {
		if punctIs(toks, k, "–-") {
			continue
		}
		if e, n := d.lx.adjectives.match(toks, k); n > 0 {
			out = appendEntity(out, e)
			k += n - 1
			continue
		}
		if toks[k].Kind != Word || !definite(toks[k]) {
			break
		}
	}
	return out
}

var purposeWords = wordSet("بهدف", "بغيه", "اجل", "لاجل", "لعقد", "لاجراء", "قصد")

// purpose reports whether the noun at i says what the event before it was
// for: "للقاء قادة الفصائل", "بهدف عقد اجتماعات".
func (d *docState) purpose(toks []Token, i int) bool {
	t := toks[i]
	if strings.HasPrefix(t.Norm, "ل") && prepGlued(t, t.Forms[len(t.Forms)-1]) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if is(toks, k, purposeWords) {
			return true
		}
	}
	return false
}

// lightVerbBefore returns the index of a carrying verb (عقد، أجرى، بعث)
// a few words before the noun at i, with its subject between them
// ("وأصدر الجانبان العراقي والأمريكي، الأربعاء، بيانات"), or -1.
func (d *docState) lightVerbBefore(toks []Token, i int) int {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if toks[k].Kind != Word || is(toks, k, complementizers) {
			if punctIs(toks, k, ":.") || is(toks, k, complementizers) {
				return -1
			}
			continue
		}
		if d.inSet(toks[k], d.lx.light) {
			return k
		}
		for _, f := range conjStripped(toks[k]) {
			if rest, ok := strings.CutPrefix(f, "س"); ok && d.lx.light[rest] {
				return k
			}
		}
	}
	return -1
}

// coordinated extends actors with those joined to them by و: "الكاظمي
// وبايدن", "كل من رئيس الوزراء …، والرئيس الأمريكي …".
func (d *docState) coordinated(s *sentence, first []entMention) []*Entity {
	var out []*Entity
	end := 0
	for _, e := range first {
		out = appendEntity(out, actorOf(e.ent))
		end = max(end, e.to)
	}
	for k := end; k < len(s.toks); {
		if punctIs(s.toks, k, "،,") {
			k++
			continue
		}
		es, ok := s.entAt[k]
		if !ok || !es[0].conj || es[0].ent.Kind == model.Media || es[0].prep {
			break
		}
		for _, e := range es {
			out = appendEntity(out, actorOf(e.ent))
			k = max(k, e.to)
		}
	}
	return out
}

// definiteReference resolves a definite event noun with no actor of its own
// ("في المحادثات", "هذه الزيارة") to the last event of its type in the
// article.
func (d *docState) definiteReference(toks []Token, tr trigger, here, prev []*candidate, planned bool) []*Entity {
	if tr.info.verb || !definite(toks[tr.at]) && !is(toks, tr.at-1, demonstratives) {
		return nil
	}
	lemma := lemmaOf(toks[tr.at])
	var fallback []*Entity
	for _, cs := range [][]*candidate{here, prev} {
		for i := len(cs) - 1; i >= 0; i-- {
			if cs[i].typ != tr.info.typ || !sameLemma(cs[i].lemma, lemma) {
				continue
			}
			if cs[i].planned == planned {
				return subjects(cs[i])
			}
			if fallback == nil {
				fallback = subjects(cs[i])
			}
		}
	}
	if fallback == nil && tr.info.typ == model.Talks && is(toks, tr.at-1, duringWords) {
		// "وجرى خلال اللقاء": the meeting just told, or a reception (استقبل).
		for _, cs := range [][]*candidate{here, prev} {
			if len(cs) == 0 {
				continue
			}
			p := cs[len(cs)-1]
			if p.typ == model.Talks || p.typ == model.Visit && p.host {
				return p.actors[:min(2, len(p.actors))]
			}
		}
	}
	return fallback
}

// lemmaOf is a trigger word without clitics; sameLemma compares two of them
// allowing a plural or pronoun ending (اجتماع / الاجتماعات).
func lemmaOf(t Token) string { return t.Forms[len(t.Forms)-1] }

func sameLemma(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	a = strings.TrimSuffix(a, "ه")
	return a != "" && strings.HasPrefix(b, a)
}

var demonstratives = wordSet("هذه", "هذا", "تلك", "ذلك")

// actorOf turns a capital that acts into the country it stands for.
func actorOf(e *Entity) *Entity {
	if e.Kind == model.Place && e.StandsFor != "" {
		return &Entity{Name: e.StandsFor, Kind: model.Country}
	}
	return e
}

func appendEntity(list []*Entity, e *Entity) []*Entity {
	for _, x := range list {
		if x.Name == e.Name {
			return list
		}
	}
	return append(list, e)
}

// implicitSubject finds the actor of a verb with no subject of its own: the
// verb continues the sentence's previous event (ودعا إلى الهدوء), or a
// continuation (وأضاف) or a verb opening the sentence carries on the
// previous sentences' actor.
func (d *docState) implicitSubject(s *sentence, tr trigger, prev []*candidate, sent int) []*Entity {
	toks, here := s.toks, s.found
	if !tr.info.verb && d.lightVerbBefore(toks, tr.at) < 0 && is(toks, tr.at-1, restating) {
		// "وصل قاآني إلى بغداد، في زيارة سرية": the noun restates the event.
		if p := lastOf(here, tr.info.typ); p != nil {
			return subjects(p)
		}
	}
	if tr.info.verb && is(toks, tr.at-1, subjunctive) && len(here) > 0 {
		// "ومن المقرر أن يتجه إلى دمشق": the subject of the sentence.
		return subjects(here[len(here)-1])
	}
	glued := tr.info.verb && (strings.HasPrefix(toks[tr.at].Norm, "و") || strings.HasPrefix(toks[tr.at].Norm, "ف") || is(toks, tr.at-1, clauseOpeners))
	carried := false
	if lv := d.lightVerbBefore(toks, tr.at); !tr.info.verb && lv >= 0 {
		carried = strings.HasPrefix(toks[lv].Norm, "و") || strings.HasPrefix(toks[lv].Norm, "ف")
	}
	if len(here) > 0 && (glued || carried || tr.info.continuation) {
		if hasVerbBefore(s, tr) {
			// The subject of the verb before, if that verb made an event.
			if p := s.previousVerb(tr); p != nil {
				return p.actors[:1]
			}
			return nil
		}
		return here[len(here)-1].actors[:1]
	}
	opening := tr.at <= 2 || carried && tr.at <= 4
	if (tr.info.continuation || ((glued || carried) && opening)) && len(prev) > 0 {
		// The next sentence carries on its speaker, unless it was told on
		// someone else's authority ("ووفقا لوكالة …" then "وأوضحت أن …").
		if d.attributed == sent-1 && !tr.info.continuation {
			return nil
		}
		p := lastOf(prev, tr.info.typ)
		if p != nil && sent-p.sent <= 2 {
			return p.actors[:1]
		}
	}
	return nil
}

// participants adds who else takes part and where: the people met (مع،
// ب، بين, or the object of the verb), the place visited, the venue.
func (d *docState) participants(c *candidate, s *sentence, tr trigger) {
	toks := s.toks
	end := len(toks)
	for _, o := range s.trigs {
		if o.at > tr.at && (o.info.verb || c.typ == model.Visit) {
			end = o.at
			break
		}
	}
	object := tr.info.verb
	lastWasParticipant := false
	for _, e := range s.ents {
		if e.from < tr.at+tr.n || e.from >= end || e.from > tr.at+tr.n+20 {
			continue
		}
		if crosses(toks, tr.at+tr.n, e.from) || is(toks, e.from-1, complementizers) {
			break
		}
		introduced := is(toks, e.from-1, withWords) || is(toks, e.from-1, betweenWord) ||
			strings.HasPrefix(toks[e.from].Norm, "ب") && e.prep || lastWasParticipant && e.conj
		switch {
		case e.ent.Kind == model.Media:
			continue
		case e.ent.Kind == model.Place && c.place == nil && (c.typ == model.Visit || is(toks, e.from-1, inWord) || e.prep):
			c.place = e.ent
			continue
		case c.typ == model.Visit && e.ent.Kind == model.Country && c.place == nil:
			c.place = e.ent
			continue
		}
		isSubject := false
		for _, a := range c.actors {
			if a == e.ent || a.Name == actorOf(e.ent).Name {
				isSubject = true
			}
		}
		if isSubject {
			continue
		}
		if (c.typ == model.Talks || c.typ == model.Visit && tr.info.host) && (introduced || object && !e.prep) &&
			(e.ent.Kind != model.Place || e.ent.StandsFor != "") {
			c.actors = appendEntity(c.actors, actorOf(e.ent))
			lastWasParticipant = true
			object = false
			continue
		}
		lastWasParticipant = false
	}
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

func lastOf(cs []*candidate, t model.EventType) *candidate {
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].typ == t {
			return cs[i]
		}
	}
	return nil
}

func sameActor(a, b *candidate) bool {
	for _, x := range a.actors {
		for _, y := range b.actors {
			if x.Name == y.Name {
				return true
			}
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
