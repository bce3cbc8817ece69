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
		if tr.info.host && !tr.info.verb && len(out) > 0 && pronounSuffix(toks[tr.at]) && is(toks, tr.at-1, inWord) && is(toks, tr.at-2, wasWords) {
			// "وكان في استقباله ولي العهد": the guest is the pronoun, the
			// visitor of the event before. ("خلال استقباله لودريان" names its
			// guest.)
			c.actors = append(subjects(out[len(out)-1])[:1:1], c.actors...)
			c.nsubj = 1
		} else if tr.info.host && len(c.actors) > 1 {
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
		if len(c.actors) >= 2 {
			d.lastPair = c.actors[:2]
		}
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

var wasWords = wordSet("كان", "كانت")

// pronounSuffix reports whether a word ends in an attached pronoun (ه، ها،
// هم، هما): "استقباله".
func pronounSuffix(t Token) bool {
	f := t.Forms[len(t.Forms)-1]
	for _, p := range []string{"هما", "هم", "ها", "ه"} {
		if strings.HasSuffix(f, p) && !strings.HasSuffix(f, "اه") {
			return true
		}
	}
	return false
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
